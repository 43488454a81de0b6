// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/smollama_export.h>

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QQueue>
#include <QString>

namespace Smollama {

class Config;
class OllamaChatReply;
class OllamaClient;
class ToolRegistry;

/*!
    The tool loop: asks the model, runs the tools it calls, feeds the results back as `tool`
    messages and repeats until the model answers (at most agent.max_tool_iterations rounds,
    setMaxToolIterations()).

    Every step is reported twice: as a typed signal and as one JSON object through event(),
    the stream the dashboard chat, the CLI and the HTTP API show. Event types: question,
    delta (assistant text as it streams), tool_call {name, arguments}, tool_result
    {name, result | error}, answer, error {message, code}. Each carries "conversation".

    Conversations keep their messages across questions. One question runs at a time per
    conversation; further ones wait in a bounded queue.
*/
class SMOLLAMA_EXPORT Agent : public QObject
{
    Q_OBJECT

public:
    /*! Uses \a client and \a tools (neither owned; both must outlive the agent). */
    Agent(OllamaClient *client, ToolRegistry *tools, QObject *parent = nullptr);
    ~Agent() override;

    /*! agent.system_prompt and agent.max_tool_iterations. */
    void configure(const Config &config);
    void setSystemPrompt(const QString &prompt);
    QString systemPrompt() const;
    void setMaxToolIterations(int iterations);
    /*! How many questions may wait per conversation (default 4). */
    void setQueueLimit(int limit);

    /*! Asks \a question in \a conversation (created when new; "default" when empty). Returns
        false, after an error event, when the queue is full. */
    bool ask(const QString &question, const QString &conversation = QString());
    /*! Stops the running question of \a conversation (every conversation when empty) and
        drops the waiting ones; an error event with code "canceled" follows. */
    void cancel(const QString &conversation = QString());
    /*! Forgets the messages of \a conversation. */
    void reset(const QString &conversation);

    bool isBusy(const QString &conversation = QString()) const;
    /*! The messages sent so far (the system prompt first). */
    QJsonArray messages(const QString &conversation) const;

    /*! A tool call written as the whole content ({"name": tool, "arguments"|"parameters":
        {...}}), as some models do; an empty object when \a content is not one. */
    QJsonObject plainToolCall(const QString &content) const;

Q_SIGNALS:
    /*! Every event as JSON, in order. */
    void event(const QJsonObject &event);
    void questionAsked(const QString &conversation, const QString &text);
    void delta(const QString &conversation, const QString &text);
    void toolCalled(const QString &conversation, const QString &name, const QJsonObject &arguments);
    void toolAnswered(const QString &conversation, const QString &name, bool ok,
                      const QJsonValue &resultOrError);
    void answered(const QString &conversation, const QString &text);
    void failed(const QString &conversation, const QString &message, const QString &code);
    /*! The question is finished (answered, failed or canceled). */
    void runFinished(const QString &conversation);

private:
    struct Conversation
    {
        QJsonArray messages;
        QQueue<QString> waiting;
        bool running = false;
        int rounds = 0;
        quint64 generation = 0;
        QPointer<OllamaChatReply> reply;
        QJsonArray pendingCalls;
        QString answerSoFar;
    };

    void emitEvent(const QString &conversation, const QString &type, QJsonObject fields);
    void start(const QString &id, const QString &question);
    void request(const QString &id, bool withTools);
    void onReply(const QString &id, quint64 generation, OllamaChatReply *reply, bool withTools);
    void runNextTool(const QString &id, quint64 generation);
    void endRun(const QString &id);
    void failRun(const QString &id, const QString &message, const QString &code);

    OllamaClient *m_client;
    ToolRegistry *m_tools;
    QString m_systemPrompt;
    int m_maxIterations = 10;
    int m_queueLimit = 4;
    QHash<QString, Conversation> m_conversations;
};

} // namespace Smollama
