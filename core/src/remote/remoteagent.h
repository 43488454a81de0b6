// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/smollama_export.h>

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>

#include <QNetworkReply>

namespace Smollama {

class RemoteNode;

/*!
    The agent of a node followed over its HTTP API: asks it with POST /api/agent/ask (the token
    is needed) and turns the NDJSON events of its answer into the same signals as Agent, so the
    dashboard's chat shows a remote answer as it shows a local one.

    Every way the question can go wrong ends in failed() and runFinished(): the node down,
    the token missing or refused, a conversation still busy, a stream cut short or silent for
    longer than the answer timeout. One question at a time.
*/
class SMOLLAMA_EXPORT RemoteAgent : public QObject
{
    Q_OBJECT

public:
    /*! Asks through \a node (not owned; must outlive this object). */
    explicit RemoteAgent(RemoteNode *node, QObject *parent = nullptr);
    ~RemoteAgent() override;

    RemoteNode *node() const { return m_node; }
    bool isBusy() const { return m_reply != nullptr; }
    /*! As Agent::isBusy(): whether the question in \a conversation is being answered. */
    bool isBusy(const QString &conversation) const
    {
        return m_reply != nullptr && conversation == m_conversation;
    }

    /*! Asks \a question in \a conversation on the node; false when a question is running. */
    bool ask(const QString &question, const QString &conversation);
    /*! Stops the question (closing the connection cancels it on the node). */
    void cancel();

    /*! How long the answer may stay silent before it counts as lost (default 120 s: a small
        model on a Pi can think that long before its first word). */
    void setAnswerTimeout(int ms) { m_timeoutMs = ms; }

    /*! What the node says of its Ollama (GET /api/health): \a state is "ok", "unreachable",
        "nomodel" or "checking", \a text says it for the page. */
    using HealthCallback = std::function<void(const QString &state, const QString &text)>;
    void checkHealth(QObject *context, HealthCallback callback);

Q_SIGNALS:
    void delta(const QString &conversation, const QString &text);
    void toolCalled(const QString &conversation, const QString &name, const QJsonObject &arguments);
    void toolAnswered(const QString &conversation, const QString &name, bool ok,
                      const QJsonValue &resultOrError);
    void answered(const QString &conversation, const QString &text);
    void failed(const QString &conversation, const QString &message, const QString &code);
    void runFinished(const QString &conversation);

private:
    void onData();
    void onFinished();
    void handleLine(const QByteArray &line);
    void finish(const QString &message, const QString &code);
    QString nodeLabel() const;

    RemoteNode *m_node;
    QPointer<QNetworkReply> m_reply;
    QString m_conversation;
    QByteArray m_buffer;
    bool m_ended = false; //!< an answer or error event arrived
    bool m_canceled = false;
    int m_timeoutMs = 120000;
};

} // namespace Smollama
