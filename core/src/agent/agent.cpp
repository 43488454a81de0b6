// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent.h"

#include "agentlog.h"

#include "config/config.h"
#include "ollamachatreply.h"
#include "ollamaclient.h"
#include "tools/toolregistry.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcAgent, "smollama.agent")

namespace Smollama {

namespace {

const QString s_defaultConversation = QStringLiteral("default");

QString conversationId(const QString &id)
{
    return id.isEmpty() ? s_defaultConversation : id;
}

QString toolContent(const ToolResult &result)
{
    if (!result.isOk()) {
        return QStringLiteral("error: ") + result.message();
    }
    const QJsonValue v = result.value();
    if (v.isString()) {
        return v.toString();
    }
    if (v.isNull() || v.isUndefined()) {
        return QStringLiteral("ok");
    }
    if (v.isObject()) {
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    }
    if (v.isArray()) {
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    }
    if (v.isBool()) {
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    }
    return QString::number(v.toDouble());
}

} // namespace

Agent::Agent(OllamaClient *client, ToolRegistry *tools, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_tools(tools)
    , m_systemPrompt(QStringLiteral(
          "You are smollama, an assistant running on a small Raspberry Pi sensing node.\n"
          "Use a tool whenever a question is about a current reading or an action; never guess "
          "or invent a reading. Answer briefly and plainly, with units."))
{
}

Agent::~Agent()
{
    for (auto it = m_conversations.begin(); it != m_conversations.end(); ++it) {
        ++it->generation;
        if (it->reply) {
            delete it->reply.data();
        }
    }
}

void Agent::configure(const Config &config)
{
    const QJsonObject agent = config.section(QStringLiteral("agent"));
    const QString prompt = agent.value(QStringLiteral("system_prompt")).toString();
    if (!prompt.isEmpty()) {
        m_systemPrompt = prompt;
    }
    m_maxIterations = agent.value(QStringLiteral("max_tool_iterations")).toInt();
}

void Agent::setSystemPrompt(const QString &prompt)
{
    m_systemPrompt = prompt;
}

QString Agent::systemPrompt() const
{
    return m_systemPrompt;
}

void Agent::setMaxToolIterations(int iterations)
{
    m_maxIterations = qMax(1, iterations);
}

void Agent::setQueueLimit(int limit)
{
    m_queueLimit = qMax(0, limit);
}

bool Agent::isBusy(const QString &conversation) const
{
    const auto it = m_conversations.constFind(conversationId(conversation));
    return it != m_conversations.constEnd() && it->running;
}

QJsonArray Agent::messages(const QString &conversation) const
{
    return m_conversations.value(conversationId(conversation)).messages;
}

void Agent::reset(const QString &conversation)
{
    const QString id = conversationId(conversation);
    if (isBusy(id)) {
        cancel(id);
    }
    m_conversations.remove(id);
}

bool Agent::ask(const QString &question, const QString &conversation)
{
    const QString id = conversationId(conversation);
    Conversation &c = m_conversations[id];
    if (c.running) {
        if (c.waiting.size() >= m_queueLimit) {
            const QString message =
                tr("busy: %1 questions are already waiting in conversation '%2'; ask again "
                   "when one is answered")
                    .arg(c.waiting.size())
                    .arg(id);
            emitEvent(id, QStringLiteral("error"),
                      {{QStringLiteral("message"), message},
                       {QStringLiteral("code"), QStringLiteral("busy")}});
            Q_EMIT failed(id, message, QStringLiteral("busy"));
            return false;
        }
        c.waiting.enqueue(question);
        return true;
    }
    start(id, question);
    return true;
}

void Agent::cancel(const QString &conversation)
{
    const QStringList ids =
        conversation.isEmpty() ? m_conversations.keys() : QStringList{conversation};
    for (const QString &id : ids) {
        auto it = m_conversations.find(id);
        if (it == m_conversations.end()) {
            continue;
        }
        ++it->generation;
        it->waiting.clear();
        it->pendingCalls = QJsonArray();
        if (it->reply) {
            it->reply->abort();
        }
        if (it->running) {
            failRun(id, tr("the question was canceled"), QStringLiteral("canceled"));
        }
    }
}

QJsonObject Agent::plainToolCall(const QString &content) const
{
    const QString trimmed = content.trimmed();
    if (!trimmed.startsWith(QLatin1Char('{')) || !trimmed.endsWith(QLatin1Char('}'))) {
        return {};
    }
    const QJsonObject o = QJsonDocument::fromJson(trimmed.toUtf8()).object();
    const QString name = o.value(QStringLiteral("name")).toString();
    if (name.isEmpty() || !m_tools->contains(name)) {
        return {};
    }
    QJsonValue args = o.value(QStringLiteral("arguments"));
    if (!args.isObject()) {
        args = o.value(QStringLiteral("parameters"));
    }
    if (!args.isObject()) {
        if (o.contains(QStringLiteral("arguments")) || o.contains(QStringLiteral("parameters"))) {
            return {};
        }
        args = QJsonObject();
    }
    return QJsonObject{
        {QStringLiteral("function"),
         QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("arguments"), args}}}};
}

void Agent::emitEvent(const QString &conversation, const QString &type, QJsonObject fields)
{
    fields.insert(QStringLiteral("type"), type);
    fields.insert(QStringLiteral("conversation"), conversation);
    fields.insert(QStringLiteral("time"),
                  QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    Q_EMIT event(fields);
}

void Agent::start(const QString &id, const QString &question)
{
    Conversation &c = m_conversations[id];
    c.running = true;
    c.rounds = 0;
    if (c.messages.isEmpty() && !m_systemPrompt.isEmpty()) {
        c.messages.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("system")},
                                      {QStringLiteral("content"), m_systemPrompt}});
    }
    c.messages.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                  {QStringLiteral("content"), question}});
    qCInfo(lcAgent, "Question in %s: %s", qPrintable(id), qPrintable(question));
    emitEvent(id, QStringLiteral("question"), {{QStringLiteral("text"), question}});
    Q_EMIT questionAsked(id, question);
    request(id, true);
}

void Agent::request(const QString &id, bool withTools)
{
    Conversation &c = m_conversations[id];
    c.answerSoFar.clear();
    const quint64 generation = c.generation;
    OllamaChatReply *reply =
        m_client->chat(c.messages, withTools ? m_tools->ollamaTools() : QJsonArray());
    c.reply = reply;
    auto emitted = std::make_shared<int>(0);
    connect(reply, &OllamaChatReply::contentDelta, this,
            [this, id, generation, emitted](const QString &text) {
                auto it = m_conversations.find(id);
                if (it == m_conversations.end() || it->generation != generation) {
                    return;
                }
                it->answerSoFar += text;
                // Hold back what may be a tool call written as JSON text.
                const QString trimmed = it->answerSoFar.trimmed();
                if (trimmed.isEmpty() || trimmed.startsWith(QLatin1Char('{'))) {
                    return;
                }
                const QString piece = it->answerSoFar.mid(*emitted);
                *emitted = int(it->answerSoFar.size());
                emitEvent(id, QStringLiteral("delta"), {{QStringLiteral("text"), piece}});
                Q_EMIT delta(id, piece);
            });
    connect(
        reply, &OllamaChatReply::finished, this, [this, id, generation, reply, withTools, emitted] {
            auto it = m_conversations.find(id);
            if (it != m_conversations.end() && it->generation == generation &&
                reply->error() == OllamaChatReply::Error::None && reply->toolCalls().isEmpty()) {
                // Text that was held back and turned out not to be a tool call.
                const QString content = reply->content();
                if (*emitted < content.size() && plainToolCall(content).isEmpty()) {
                    const QString piece = content.mid(*emitted);
                    *emitted = int(content.size());
                    emitEvent(id, QStringLiteral("delta"), {{QStringLiteral("text"), piece}});
                    Q_EMIT delta(id, piece);
                }
            }
            onReply(id, generation, reply, withTools);
        });
}

void Agent::onReply(const QString &id, quint64 generation, OllamaChatReply *reply, bool withTools)
{
    reply->deleteLater();
    auto it = m_conversations.find(id);
    if (it == m_conversations.end() || it->generation != generation) {
        return;
    }
    it->reply = nullptr;
    if (reply->error() != OllamaChatReply::Error::None) {
        failRun(id, reply->errorString(), OllamaChatReply::errorCode(reply->error()));
        return;
    }
    const QJsonObject message = reply->message();
    it->messages.append(message);
    QJsonArray calls = reply->toolCalls();
    if (calls.isEmpty()) {
        const QJsonObject plain = plainToolCall(reply->content());
        if (!plain.isEmpty()) {
            qCInfo(lcAgent, "The model wrote a tool call as text; running it");
            calls.append(plain);
        }
    }
    if (calls.isEmpty()) {
        const QString text = reply->content();
        qCInfo(lcAgent, "Answer in %s: %s", qPrintable(id), qPrintable(text));
        emitEvent(id, QStringLiteral("answer"), {{QStringLiteral("text"), text}});
        Q_EMIT answered(id, text);
        endRun(id);
        return;
    }
    if (!withTools) {
        failRun(id,
                tr("no answer after %1 rounds of tool calls (agent.max_tool_iterations); the "
                   "model kept calling tools")
                    .arg(m_maxIterations),
                QStringLiteral("max_iterations"));
        return;
    }
    it->rounds += 1;
    it->pendingCalls = calls;
    runNextTool(id, generation);
}

void Agent::runNextTool(const QString &id, quint64 generation)
{
    auto it = m_conversations.find(id);
    if (it == m_conversations.end() || it->generation != generation) {
        return;
    }
    if (it->pendingCalls.isEmpty()) {
        // After the last allowed round the model must answer with what it has.
        request(id, it->rounds < m_maxIterations);
        return;
    }
    const QJsonObject call = it->pendingCalls.takeAt(0).toObject();
    const QJsonObject function = call.value(QStringLiteral("function")).toObject();
    const QString name = function.value(QStringLiteral("name")).toString();
    const QJsonObject arguments = function.value(QStringLiteral("arguments")).toObject();
    const QString callId = call.value(QStringLiteral("id")).toString();

    QJsonObject callEvent{{QStringLiteral("name"), name}, {QStringLiteral("arguments"), arguments}};
    if (!callId.isEmpty()) {
        callEvent.insert(QStringLiteral("id"), callId);
    }
    qCInfo(lcAgent, "Tool call %s(%s)", qPrintable(name),
           QJsonDocument(arguments).toJson(QJsonDocument::Compact).constData());
    emitEvent(id, QStringLiteral("tool_call"), callEvent);
    Q_EMIT toolCalled(id, name, arguments);

    m_tools->callAsync(
        name, arguments, this, [this, id, generation, name, callId](const ToolResult &result) {
            auto it = m_conversations.find(id);
            if (it == m_conversations.end() || it->generation != generation) {
                return;
            }
            QJsonObject message{{QStringLiteral("role"), QStringLiteral("tool")},
                                {QStringLiteral("content"), toolContent(result)},
                                {QStringLiteral("tool_name"), name}};
            if (!callId.isEmpty()) {
                message.insert(QStringLiteral("tool_call_id"), callId);
            }
            it->messages.append(message);
            QJsonObject resultEvent{{QStringLiteral("name"), name}};
            if (!callId.isEmpty()) {
                resultEvent.insert(QStringLiteral("id"), callId);
            }
            if (result.isOk()) {
                resultEvent.insert(QStringLiteral("result"), result.value());
            } else {
                resultEvent.insert(QStringLiteral("error"), result.message());
            }
            emitEvent(id, QStringLiteral("tool_result"), resultEvent);
            Q_EMIT toolAnswered(id, name, result.isOk(),
                                result.isOk() ? result.value() : QJsonValue(result.message()));
            runNextTool(id, generation);
        });
}

void Agent::failRun(const QString &id, const QString &message, const QString &code)
{
    qCWarning(lcAgent, "Question in %s failed: %s", qPrintable(id), qPrintable(message));
    emitEvent(id, QStringLiteral("error"),
              {{QStringLiteral("message"), message}, {QStringLiteral("code"), code}});
    Q_EMIT failed(id, message, code);
    endRun(id);
}

void Agent::endRun(const QString &id)
{
    auto it = m_conversations.find(id);
    if (it == m_conversations.end()) {
        return;
    }
    it->running = false;
    it->pendingCalls = QJsonArray();
    Q_EMIT runFinished(id);
    it = m_conversations.find(id);
    if (it != m_conversations.end() && !it->running && !it->waiting.isEmpty()) {
        start(id, it->waiting.dequeue());
    }
}

} // namespace Smollama
