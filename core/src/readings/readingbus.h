// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/reading.h>
#include <smollama/smollama_export.h>

#include <QObject>

namespace Smollama {

/*!
    The one place every reading passes through. The dashboard models, the HTTP API's event
    stream, the agent's rules and the history are its subscribers.

    publish() may be called from any thread (sensor workers call it from theirs); the signal is
    emitted once per reading in the publishing thread, so subscribers that live in other
    threads receive it through a queued connection (Qt's default for receivers in another
    thread), and thread-safe subscribers may connect with Qt::DirectConnection.
*/
class SMOLLAMA_EXPORT ReadingBus : public QObject
{
    Q_OBJECT

public:
    explicit ReadingBus(QObject *parent = nullptr);
    ~ReadingBus() override;

    /*! Publishes \a reading to every subscriber. Invalid readings (no source) are dropped. */
    void publish(const Smollama::Reading &reading);

Q_SIGNALS:
    void readingPublished(const Smollama::Reading &reading);
};

} // namespace Smollama
