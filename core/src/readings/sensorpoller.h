// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/crashnote.h"

#include <smollama/smollama_export.h>
#include <smollama/sourceinfo.h>

#include <QList>
#include <QObject>
#include <QString>

#include <memory>

class QTimer;

namespace Smollama {

class PublishLimiter;
class ReadingBus;
class ReadingProvider;

/*!
    Polls one sensor instance. Lives on the instance's worker thread, so read() runs there and
    a slow read delays only this instance. Reads never pile up: the timer cannot fire while a
    read is running, and missed ticks are not queued.
*/
class SMOLLAMA_EXPORT SensorPoller : public QObject
{
    Q_OBJECT

public:
    /*! Each read() runs marked for the crash note (CrashNote), so a crash in any read is
        blamed on this instance at the next start. */
    SensorPoller(const QString &instance, ReadingProvider *provider,
                 const QList<SourceInfo> &sources, ReadingBus *bus, int intervalMs);

    /*! Readings beyond \a limiter's rate are dropped (shared with the instance's context). */
    void setLimiter(std::shared_ptr<PublishLimiter> limiter);

    /*! Reads once now and then every interval when \a periodic. Call on the worker thread. */
    void start(bool periodic);
    /*! Reads every source once and publishes the readings. */
    void poll();
    /*! Changes the polling interval (slowed down after failures). Call on the worker thread. */
    void setInterval(int ms);

Q_SIGNALS:
    /*! \a startedMs is on the steady (monotonic) clock. */
    void readStarted(const QString &instance, quint64 sequence, qint64 startedMs);
    /*! \a error is empty when read() returned; otherwise what went wrong. */
    void readFinished(const QString &instance, quint64 sequence, const QString &error);

private:
    QString m_instance;
    ReadingProvider *m_provider;
    QList<SourceInfo> m_sources;
    ReadingBus *m_bus;
    int m_intervalMs;
    quint64 m_sequence = 0;
    QTimer *m_timer = nullptr;
    const CrashNote::Subject *m_crashSubject;
    std::shared_ptr<PublishLimiter> m_limiter;
};

} // namespace Smollama
