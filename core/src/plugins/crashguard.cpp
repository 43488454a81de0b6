// SPDX-License-Identifier: GPL-3.0-or-later
#include "crashguard.h"

#include "crashnote.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>

#include <csignal>

namespace Smollama {

// The translation context of this file's messages (docs/translations.md).
class CrashGuardTr
{
    Q_DECLARE_TR_FUNCTIONS(PluginManager)
};

namespace {

const QLatin1String s_crashKey("@crash");

// The phase as a reason shows it: "setup", "the first read", "read #3", "a tool call".
QString phaseText(const QJsonObject &entry)
{
    const QString phase = entry.value(QLatin1String("phase")).toString();
    const qint64 call = entry.value(QLatin1String("call")).toInteger();
    if (phase == QLatin1String("read")) {
        return call <= 1 ? CrashGuardTr::tr("the first read")
                         : CrashGuardTr::tr("read #%1").arg(call);
    }
    if (phase == QLatin1String("tool")) {
        return CrashGuardTr::tr("a tool call");
    }
    if (phase == QLatin1String("thread")) {
        return CrashGuardTr::tr("work on a thread of its own");
    }
    return phase; // load, setup, teardown; a note of an earlier version says "the first read"
}

QDateTime timeOf(const QJsonObject &entry, const QJsonObject &crash)
{
    if (entry.contains(QLatin1String("epoch"))) {
        return QDateTime::fromSecsSinceEpoch(entry.value(QLatin1String("epoch")).toInteger());
    }
    if (crash.contains(QLatin1String("epoch"))) {
        return QDateTime::fromSecsSinceEpoch(crash.value(QLatin1String("epoch")).toInteger());
    }
    return QDateTime::fromString(entry.value(QLatin1String("time")).toString(), Qt::ISODate);
}

} // namespace

CrashGuard::CrashGuard(const QString &stateDir)
    : m_stateDir(stateDir)
{
}

QString CrashGuard::stateDir() const
{
    return m_stateDir;
}

bool CrashGuard::arm()
{
    QDir().mkpath(m_stateDir);
    return CrashNote::arm(path("sentinel.json"));
}

void CrashGuard::disarm()
{
    CrashNote::disarm();
}

QString CrashGuard::path(const char *file) const
{
    return m_stateDir + QLatin1Char('/') + QLatin1String(file);
}

QJsonObject CrashGuard::readObject(const char *file) const
{
    QFile f(path(file));
    if (!f.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QJsonDocument::fromJson(f.readAll()).object();
}

bool CrashGuard::writeObject(const char *file, const QJsonObject &object) const
{
    QDir().mkpath(m_stateDir);
    if (object.isEmpty() && qstrcmp(file, "sentinel.json") == 0) {
        return QFile::remove(path(file)) || !QFile::exists(path(file));
    }
    // QSaveFile writes a temporary file and renames it: a crash leaves the old or the new one.
    QSaveFile f(path(file));
    if (!f.open(QIODevice::WriteOnly)) {
        return false;
    }
    f.write(QJsonDocument(object).toJson(QJsonDocument::Indented));
    return f.commit();
}

QString CrashGuard::signalName(int signalNumber)
{
    switch (signalNumber) {
    case SIGSEGV:
        return QStringLiteral("SIGSEGV");
    case SIGBUS:
        return QStringLiteral("SIGBUS");
    case SIGILL:
        return QStringLiteral("SIGILL");
    case SIGFPE:
        return QStringLiteral("SIGFPE");
    case SIGABRT:
        return QStringLiteral("SIGABRT");
    case SIGKILL:
        return QStringLiteral("SIGKILL");
    case SIGTERM:
        return QStringLiteral("SIGTERM");
    default:
        return QStringLiteral("signal %1").arg(signalNumber);
    }
}

QString CrashGuard::reasonFor(const QString &instance, const QJsonObject &entry,
                              const QJsonObject &crash, int crashes)
{
    const QDateTime when = timeOf(entry, crash).toLocalTime();
    const int signalNumber =
        entry.value(QLatin1String("signal")).toInt(crash.value(QLatin1String("signal")).toInt());
    QString detail;
    if (signalNumber > 0) {
        //: %1 is a signal name such as SIGSEGV
        detail = CrashGuardTr::tr(" (%1, %n crash(es) so far)", nullptr, crashes)
                     .arg(signalName(signalNumber));
    } else if (crashes > 1) {
        detail = CrashGuardTr::tr(" (%n crash(es) so far)", nullptr, crashes);
    }
    return CrashGuardTr::tr("crashed during %1 on %2%3; it is skipped until `smollama-cli plugin "
                            "enable %4` (or start with --no-crashcheck)")
        .arg(phaseText(entry), when.toString(QStringLiteral("yyyy-MM-dd HH:mm")), detail, instance);
}

QStringList CrashGuard::recoverFromCrash()
{
    QMutexLocker locker(&m_mutex);
    const QJsonObject sentinel = readObject("sentinel.json");
    if (sentinel.isEmpty()) {
        return {};
    }
    const QJsonObject crash = sentinel.value(s_crashKey).toObject();
    m_lastCrashEpoch = crash.value(QLatin1String("epoch")).toInteger();
    if (m_lastCrashEpoch == 0) {
        // A note of an earlier version: written before a risky call at start.
        m_lastCrashEpoch = QDateTime::currentSecsSinceEpoch();
    }
    QJsonObject blockedList = readObject("blocked.json");
    QStringList blamed;
    for (auto it = sentinel.constBegin(); it != sentinel.constEnd(); ++it) {
        if (it.key().startsWith(QLatin1Char('@'))) {
            continue;
        }
        const QJsonObject entry = it.value().toObject();
        const int crashes =
            blockedList.value(it.key()).toObject().value(QLatin1String("crashes")).toInt() + 1;
        QJsonObject record = entry;
        if (!record.contains(QLatin1String("signal")) && crash.contains(QLatin1String("signal"))) {
            record.insert(QStringLiteral("signal"), crash.value(QLatin1String("signal")));
        }
        record.insert(QStringLiteral("reason"), reasonFor(it.key(), entry, crash, crashes));
        record.insert(QStringLiteral("crashes"), crashes);
        record.insert(QStringLiteral("blocked"), true);
        record.insert(QStringLiteral("time"), timeOf(entry, crash).toUTC().toString(Qt::ISODate));
        blockedList.insert(it.key(), record);
        blamed.append(it.key());
    }
    writeObject("blocked.json", blockedList);
    writeObject("sentinel.json", {});
    return blamed;
}

QHash<QString, QString> CrashGuard::blocked() const
{
    QMutexLocker locker(&m_mutex);
    QHash<QString, QString> out;
    const QJsonObject blockedList = readObject("blocked.json");
    for (auto it = blockedList.constBegin(); it != blockedList.constEnd(); ++it) {
        const QJsonObject entry = it.value().toObject();
        if (entry.value(QLatin1String("blocked")).toBool(true)) {
            out.insert(it.key(), entry.value(QLatin1String("reason")).toString());
        }
    }
    // A note that no start has read yet (the node died and was not restarted).
    const QJsonObject sentinel = readObject("sentinel.json");
    const QJsonObject crash = sentinel.value(s_crashKey).toObject();
    for (auto it = sentinel.constBegin(); it != sentinel.constEnd(); ++it) {
        if (it.key().startsWith(QLatin1Char('@'))) {
            continue;
        }
        const int crashes =
            blockedList.value(it.key()).toObject().value(QLatin1String("crashes")).toInt() + 1;
        out.insert(it.key(), reasonFor(it.key(), it.value().toObject(), crash, crashes));
    }
    return out;
}

bool CrashGuard::unblock(const QString &instance)
{
    QMutexLocker locker(&m_mutex);
    bool found = false;
    QJsonObject blockedList = readObject("blocked.json");
    QJsonObject entry = blockedList.value(instance).toObject();
    if (blockedList.contains(instance) && entry.value(QLatin1String("blocked")).toBool(true)) {
        // The count stays: a plugin that crashes again says how often it did.
        entry.insert(QStringLiteral("blocked"), false);
        blockedList.insert(instance, entry);
        writeObject("blocked.json", blockedList);
        found = true;
    }
    QJsonObject sentinel = readObject("sentinel.json");
    if (sentinel.contains(instance)) {
        sentinel.remove(instance);
        writeObject("sentinel.json", sentinel);
        found = true;
    }
    return found;
}

int CrashGuard::beginStart()
{
    QMutexLocker locker(&m_mutex);
    QJsonObject starts = readObject("starts.json");
    int bad = starts.value(QLatin1String("unfinished")).toInt();
    const QString state = starts.value(QLatin1String("state")).toString();
    if (state == QLatin1String("running")) {
        // The last run finished its start: it went wrong only when it crashed soon after.
        const qint64 started = starts.value(QLatin1String("started")).toInteger();
        const bool crashedEarly =
            m_lastCrashEpoch > 0 && m_lastCrashEpoch - started < crashWindowSeconds();
        if (!crashedEarly) {
            bad = 0;
        }
    } else if (state == QLatin1String("stopped")) {
        bad = 0;
    }
    // "starting", or a file of an earlier version: `unfinished` already counts that run.
    starts.insert(QStringLiteral("unfinished"), bad + 1);
    starts.insert(QStringLiteral("state"), QStringLiteral("starting"));
    starts.insert(QStringLiteral("started"), QDateTime::currentSecsSinceEpoch());
    writeObject("starts.json", starts);
    return bad;
}

void CrashGuard::startFinished()
{
    QMutexLocker locker(&m_mutex);
    QJsonObject starts = readObject("starts.json");
    if (starts.value(QLatin1String("state")).toString() != QLatin1String("starting")) {
        return;
    }
    // Still counted until the run has lasted the crash window or stops cleanly.
    starts.insert(QStringLiteral("state"), QStringLiteral("running"));
    writeObject("starts.json", starts);
}

void CrashGuard::stoppedCleanly()
{
    QMutexLocker locker(&m_mutex);
    writeObject("starts.json", QJsonObject{{QStringLiteral("unfinished"), 0},
                                           {QStringLiteral("state"), QStringLiteral("stopped")}});
}

} // namespace Smollama
