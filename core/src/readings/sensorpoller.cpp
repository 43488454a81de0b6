// SPDX-License-Identifier: GPL-3.0-or-later
#include "sensorpoller.h"

#include "publishlimiter.h"
#include "readingbus.h"

#include <smollama/readingprovider.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QLoggingCategory>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <climits>
#include <exception>

Q_LOGGING_CATEGORY(lcPoller, "smollama.readings.poller")

namespace Smollama {

// The translation context of this file's messages (docs/translations.md).
class PollerTr
{
    Q_DECLARE_TR_FUNCTIONS(ReadingManager)
};

SensorPoller::SensorPoller(const QString &instance, ReadingProvider *provider,
                           const QList<SourceInfo> &sources, ReadingBus *bus, int intervalMs)
    : m_instance(instance)
    , m_provider(provider)
    , m_sources(sources)
    , m_bus(bus)
    , m_intervalMs(intervalMs)
    , m_crashSubject(CrashNote::subject(instance))
{
}

void SensorPoller::setLimiter(std::shared_ptr<PublishLimiter> limiter)
{
    m_limiter = std::move(limiter);
}

void SensorPoller::setInterval(int ms)
{
    m_intervalMs = ms;
    if (m_timer) {
        m_timer->setInterval(ms);
    }
}

void SensorPoller::start(bool periodic)
{
    if (periodic) {
        m_timer = new QTimer(this);
        m_timer->setTimerType(Qt::PreciseTimer);
        m_timer->setInterval(m_intervalMs);
        connect(m_timer, &QTimer::timeout, this, &SensorPoller::poll);
        m_timer->start();
    }
    poll();
}

void SensorPoller::poll()
{
    const quint64 sequence = ++m_sequence;
    // A monotonic clock: a Pi without a real-time clock steps its wall clock after boot.
    Q_EMIT readStarted(m_instance, sequence,
                       std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::steady_clock::now().time_since_epoch())
                           .count());

    QList<Reading> readings;
    QString error;
    try {
        const CrashNote::Scope scope(m_crashSubject, CrashNote::Phase::Read, sequence);
        readings = m_provider->read();
    } catch (const std::exception &e) {
        error = PollerTr::tr("read() threw an exception: %1").arg(QString::fromLocal8Bit(e.what()));
    } catch (...) {
        error = PollerTr::tr("read() threw an unknown exception");
    }

    const QString prefix = m_instance + QLatin1Char(':');
    if (!error.isEmpty()) {
        for (const SourceInfo &info : std::as_const(m_sources)) {
            m_bus->publish(Reading::error(prefix + info.id, error, info.unit));
        }
    } else {
        for (Reading &r : readings) {
            if (m_limiter && !m_limiter->admit()) {
                continue; // counted; reported with the pushed ones
            }
            if (!r.source().startsWith(prefix)) {
                r.setSource(prefix + r.source());
            }
            m_bus->publish(r);
        }
        if (m_limiter) {
            if (const qint64 dropped = m_limiter->takeDroppedReport()) {
                // (Counted before the call: lupdate's parser does not finish on a template
                // argument list inside a translate() call.)
                const int count = int(std::min<qint64>(dropped, INT_MAX));
                // The same words as the plugin manager's report (one translation).
                qCWarning(lcPoller, "%s",
                          qPrintable(QCoreApplication::translate(
                                         "PluginManager",
                                         "Plugin instance %1 publishes more than %2 readings/s; "
                                         "%n reading(s) dropped since the last report (limit: "
                                         "readings.max_readings_per_s)",
                                         nullptr, count)
                                         .arg(m_instance)
                                         .arg(m_limiter->perSecond())));
            }
        }
    }
    Q_EMIT readFinished(m_instance, sequence, error);
}

} // namespace Smollama
