// SPDX-License-Identifier: GPL-3.0-or-later
#include "memorywatch.h"

#include <QCoreApplication>
#include <QFile>
#include <QLoggingCategory>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <algorithm>
#include <cmath>

Q_LOGGING_CATEGORY(lcMemory, "smollama.memory")

namespace Smollama {

namespace {

// The translation context of this file's messages (docs/translations.md).
class MemoryTr
{
    Q_DECLARE_TR_FUNCTIONS(NodeRuntime)
};

double mib(qint64 kib)
{
    return std::round(kib / 1024.0 * 10) / 10;
}

} // namespace

MemoryWatch::MemoryWatch(const QJsonObject &memorySection, QObject *parent)
    : QObject(parent)
{
    m_growthLimitMiB = memorySection.value(QLatin1String("warn_growth_mb")).toDouble();
    const double seconds = memorySection.value(QLatin1String("check_interval_s")).toDouble();
    m_timer.setInterval(std::max(1, int(seconds * 1000)));
    connect(&m_timer, &QTimer::timeout, this, &MemoryWatch::check);
}

qint64 MemoryWatch::residentKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return -1;
    }
    // "VmRSS:     26012 kB"
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("VmRSS:")) {
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
        }
    }
    return -1;
}

void MemoryWatch::start()
{
    check();
    m_timer.start();
}

void MemoryWatch::stop()
{
    m_timer.stop();
}

void MemoryWatch::rebase()
{
    m_baseKiB = residentKiB();
    check();
}

void MemoryWatch::check()
{
#ifdef __GLIBC__
    // The allocator keeps the pages of freed memory, in one pool per thread that allocated:
    // with many sources (a fleet master) that was a third of what the node added to its RSS
    // (bench_fleet). Given back before looking, at most once a minute, since a page given
    // back costs a page fault when it is used again.
    if (!m_sinceTrim.isValid() || m_sinceTrim.hasExpired(kTrimIntervalMs)) {
        malloc_trim(0);
        m_sinceTrim.start();
    }
#endif
    const qint64 now = residentKiB();
    if (now < 0) {
        return;
    }
    m_nowKiB = now;
    m_peakKiB = std::max(m_peakKiB, now);
    if (m_baseKiB < 0) {
        m_baseKiB = now;
    }
    const double grown = mib(now - m_baseKiB);
    QString warning;
    if (grown > m_growthLimitMiB) {
        //: %1, %2 and %3 are sizes in MiB
        warning = MemoryTr::tr("the process uses %1 MiB, %2 MiB more than when its start finished "
                               "(%3 MiB): something keeps memory, such as a plugin that leaks. "
                               "In-process plugins share the process's memory, so smollama cannot "
                               "tell which one it is; see docs/resilience.md (a plugin that leaks "
                               "memory)")
                      .arg(mib(now))
                      .arg(grown)
                      .arg(mib(m_baseKiB));
        // Once, then each time it has grown by as much again.
        if (m_warnedAtKiB < 0 || mib(now - m_warnedAtKiB) > m_growthLimitMiB) {
            m_warnedAtKiB = now;
            qCWarning(lcMemory, "%s", qPrintable(warning));
        }
    }
    if (warning != m_warning) {
        m_warning = warning;
        Q_EMIT warningChanged(m_warning);
    }
}

QString MemoryWatch::warning() const
{
    return m_warning;
}

QJsonObject MemoryWatch::toJson() const
{
    return {{QStringLiteral("rss_mb"), mib(m_nowKiB)},
            {QStringLiteral("start_rss_mb"), mib(m_baseKiB)},
            {QStringLiteral("peak_rss_mb"), mib(m_peakKiB)},
            {QStringLiteral("warn_growth_mb"), m_growthLimitMiB},
            {QStringLiteral("warning"), m_warning}};
}

} // namespace Smollama
