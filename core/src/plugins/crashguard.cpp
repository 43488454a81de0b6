// SPDX-License-Identifier: GPL-3.0-or-later
#include "crashguard.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>

namespace Smollama {

// The translation context of this file's messages (docs/translations.md).
class CrashGuardTr
{
    Q_DECLARE_TR_FUNCTIONS(PluginManager)
};

CrashGuard::CrashGuard(const QString &stateDir)
    : m_stateDir(stateDir)
{
}

QString CrashGuard::stateDir() const
{
    return m_stateDir;
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

QString CrashGuard::reasonFor(const QString &instance, const QJsonObject &entry)
{
    const QDateTime when =
        QDateTime::fromString(entry.value(QLatin1String("time")).toString(), Qt::ISODate)
            .toLocalTime();
    return CrashGuardTr::tr("crashed during %1 on %2; it is skipped until `smollama-cli plugin "
                            "enable %3` (or start with --no-crashcheck)")
        .arg(entry.value(QLatin1String("phase")).toString(),
             when.toString(QStringLiteral("yyyy-MM-dd HH:mm")), instance);
}

QStringList CrashGuard::recoverFromCrash()
{
    QMutexLocker locker(&m_mutex);
    const QJsonObject sentinel = readObject("sentinel.json");
    if (sentinel.isEmpty()) {
        return {};
    }
    QJsonObject blockedList = readObject("blocked.json");
    QStringList blamed;
    for (auto it = sentinel.constBegin(); it != sentinel.constEnd(); ++it) {
        const QJsonObject entry = it.value().toObject();
        blockedList.insert(
            it.key(), QJsonObject{{QStringLiteral("reason"), reasonFor(it.key(), entry)},
                                  {QStringLiteral("phase"), entry.value(QLatin1String("phase"))},
                                  {QStringLiteral("time"), entry.value(QLatin1String("time"))}});
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
        out.insert(it.key(), it.value().toObject().value(QLatin1String("reason")).toString());
    }
    // A sentinel that no start has recovered yet (the node died and was not restarted).
    if (m_inFlight.isEmpty()) {
        const QJsonObject sentinel = readObject("sentinel.json");
        for (auto it = sentinel.constBegin(); it != sentinel.constEnd(); ++it) {
            out.insert(it.key(), reasonFor(it.key(), it.value().toObject()));
        }
    }
    return out;
}

bool CrashGuard::unblock(const QString &instance)
{
    QMutexLocker locker(&m_mutex);
    bool found = false;
    QJsonObject blockedList = readObject("blocked.json");
    if (blockedList.contains(instance)) {
        blockedList.remove(instance);
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

void CrashGuard::enter(const QString &instance, const QString &phase, bool exclusive, int waitMs)
{
    const bool turn = exclusive && m_turn.tryLock(waitMs);
    QMutexLocker locker(&m_mutex);
    if (turn) {
        m_turnHolder = instance;
    }
    m_inFlight.insert(
        instance,
        QJsonObject{{QStringLiteral("phase"), phase},
                    {QStringLiteral("time"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
                    {QStringLiteral("pid"), QCoreApplication::applicationPid()}});
    writeObject("sentinel.json", m_inFlight);
}

void CrashGuard::leave(const QString &instance)
{
    QMutexLocker locker(&m_mutex);
    if (m_inFlight.contains(instance)) {
        m_inFlight.remove(instance);
        writeObject("sentinel.json", m_inFlight);
    }
    if (m_turnHolder == instance) {
        m_turnHolder.clear();
        m_turn.unlock();
    }
}

int CrashGuard::beginStart()
{
    QMutexLocker locker(&m_mutex);
    QJsonObject starts = readObject("starts.json");
    const int unfinished = starts.value(QLatin1String("unfinished")).toInt();
    starts.insert(QStringLiteral("unfinished"), unfinished + 1);
    writeObject("starts.json", starts);
    return unfinished;
}

void CrashGuard::startFinished()
{
    QMutexLocker locker(&m_mutex);
    writeObject("starts.json", QJsonObject{{QStringLiteral("unfinished"), 0}});
}

} // namespace Smollama
