// SPDX-License-Identifier: GPL-3.0-or-later
#include "conversationmodel.h"

#include "agent/agent.h"
#include "agent/ollamaclient.h"
#include "agent/ruleengine.h"
#include "remote/remoteagent.h"
#include "remote/remotenode.h"
#include "util/jsontext.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSysInfo>
#include <QUrl>

namespace Smollama {

ConversationModel::ConversationModel(Agent *agent, RuleEngine *rules, OllamaClient *ollama,
                                     QObject *parent)
    : QAbstractListModel(parent)
    , m_agent(agent)
    , m_ollama(ollama)
{
    m_deltaTimer.setSingleShot(true);
    m_deltaTimer.setInterval(100);
    connect(&m_deltaTimer, &QTimer::timeout, this, &ConversationModel::flushDelta);

    if (m_agent) {
        m_targets.append(Target{});
        m_target = 0;
        follow(m_agent.data(),
               [](const QString &conversation) { return conversation == conversationId(); });
    }
    if (rules) {
        connect(
            rules, &RuleEngine::notification, this,
            [this](const QString &rule, const QString &text) {
                ++m_notifications;
                append({QStringLiteral("notification"), text, rule, {}, true, false, m_localName});
            });
    }

    m_ollamaTimer.setInterval(30 * 1000);
    connect(&m_ollamaTimer, &QTimer::timeout, this, &ConversationModel::checkOllama);
    m_ollamaTimer.start();
    checkOllama();
}

ConversationModel::~ConversationModel() = default;

// The same rows for an answer from this node's agent and from another node's (RemoteAgent has
// Agent's signals); only the conversation id differs.
template<typename Source>
void ConversationModel::follow(Source *source, const std::function<bool(const QString &)> &mine)
{
    connect(source, &Source::delta, this, [this, mine](const QString &c, const QString &text) {
        if (!mine(c)) {
            return;
        }
        m_pendingDelta += text;
        if (!m_deltaTimer.isActive()) {
            m_deltaTimer.start();
        }
    });
    connect(source, &Source::toolCalled, this,
            [this, mine](const QString &c, const QString &name, const QJsonObject &args) {
                if (!mine(c)) {
                    return;
                }
                flushDelta();
                append({QStringLiteral("tool"), QString(), name, compactJsonText(args), true, true,
                        targetName(m_asked)});
            });
    connect(source, &Source::toolAnswered, this,
            [this, mine](const QString &c, const QString &name, bool ok,
                         const QJsonValue &resultOrError) {
                if (!mine(c)) {
                    return;
                }
                for (int i = int(m_rows.size()) - 1; i >= 0; --i) {
                    Row &r = m_rows[i];
                    if (r.kind == QLatin1String("tool") && r.tool == name && r.pending) {
                        r.pending = false;
                        r.ok = ok;
                        r.text = compactJsonText(resultOrError);
                        Q_EMIT dataChanged(index(i), index(i));
                        break;
                    }
                }
            });
    connect(source, &Source::answered, this, [this, mine](const QString &c, const QString &text) {
        if (!mine(c)) {
            return;
        }
        m_pendingDelta.clear();
        m_deltaTimer.stop();
        const int row = lastAnswerRow();
        if (row < 0) {
            append({QStringLiteral("answer"), text, {}, {}, true, false, targetName(m_asked)});
        } else {
            m_rows[row].text = text;
            m_rows[row].pending = false;
            Q_EMIT dataChanged(index(row), index(row));
        }
    });
    connect(
        source, &Source::failed, this,
        [this, mine](const QString &c, const QString &message, const QString &code) {
            if (!mine(c)) {
                return;
            }
            flushDelta();
            const QString text = code == QLatin1String("canceled") ? tr("Stopped.") : message;
            append({QStringLiteral("error"), text, {}, code, false, false, targetName(m_asked)});
        });
    connect(source, &Source::runFinished, this, [this, mine, source](const QString &c) {
        if (!mine(c)) {
            return;
        }
        flushDelta();
        const int row = lastAnswerRow();
        if (row >= 0 && m_rows.at(row).pending) {
            m_rows[row].pending = false;
            Q_EMIT dataChanged(index(row), index(row));
        }
        setBusy(source->isBusy(c));
    });
}

void ConversationModel::setLocalName(const QString &name)
{
    m_localName = name;
    Q_EMIT nodesChanged();
    Q_EMIT targetChanged();
}

void ConversationModel::addRemote(RemoteNode *node)
{
    auto *remote = new RemoteAgent(node, this);
    m_targets.append(Target{remote});
    if (m_remoteConversation.isEmpty()) {
        m_remoteConversation = newRemoteConversation();
    }
    follow(remote,
           [this](const QString &conversation) { return conversation == m_remoteConversation; });
    // The node's name arrives with its first answer; online and offline show in the picker.
    connect(node, &RemoteNode::onlineChanged, this, [this] {
        Q_EMIT nodesChanged();
        Q_EMIT targetChanged();
        checkOllama();
    });
    Q_EMIT nodesChanged();
    if (m_target < 0) {
        setTarget(0);
    }
}

QString ConversationModel::newRemoteConversation()
{
    // Its own conversation on every node asked: never mixed with that node's own dashboard's
    // chat (which is "dashboard"), and a new one after Clear.
    return QStringLiteral("dashboard-%1-%2")
        .arg(QSysInfo::machineHostName())
        .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
}

QVariantList ConversationModel::nodes() const
{
    QVariantList out;
    for (int i = 0; i < m_targets.size(); ++i) {
        const RemoteAgent *remote = m_targets.at(i).remote;
        out.append(QVariantMap{
            {QStringLiteral("name"), targetName(i)},
            {QStringLiteral("url"), remote ? remote->node()->baseUrl().toString() : QString()},
            {QStringLiteral("local"), remote == nullptr},
            {QStringLiteral("online"), remote ? remote->node()->isOnline() : true}});
    }
    return out;
}

void ConversationModel::setTarget(int target)
{
    // Not while an answer is being written: its rows belong to the node asked.
    if (target < 0 || target >= m_targets.size() || target == m_target || m_busy) {
        return;
    }
    m_target = target;
    Q_EMIT targetChanged();
    checkOllama();
}

QString ConversationModel::targetName() const
{
    return targetName(m_target);
}

QString ConversationModel::targetName(int target) const
{
    if (target < 0 || target >= m_targets.size()) {
        return QString();
    }
    const RemoteAgent *remote = m_targets.at(target).remote;
    return remote ? remote->node()->nodeName() : m_localName;
}

QString ConversationModel::conversationId()
{
    return QStringLiteral("dashboard");
}

int ConversationModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QHash<int, QByteArray> ConversationModel::roleNames() const
{
    return {{KindRole, "kind"},     {TextRole, "text"}, {ToolRole, "tool"},
            {DetailRole, "detail"}, {OkRole, "ok"},     {PendingRole, "pending"},
            {NodeRole, "node"}};
}

QVariant ConversationModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Row &r = m_rows.at(index.row());
    switch (role) {
    case KindRole:
        return r.kind;
    case Qt::DisplayRole:
    case TextRole:
        return r.text;
    case ToolRole:
        return r.tool;
    case DetailRole:
        return r.detail;
    case OkRole:
        return r.ok;
    case PendingRole:
        return r.pending;
    case NodeRole:
        return r.node;
    default:
        return {};
    }
}

QString ConversationModel::model() const
{
    return m_ollama ? m_ollama->settings().model : QString();
}

bool ConversationModel::ask(const QString &question)
{
    const QString text = question.trimmed();
    // One question at a time: a second one while the answer streams would mix the two.
    if (text.isEmpty() || m_target < 0 || m_busy) {
        return false;
    }
    RemoteAgent *remote = m_targets.at(m_target).remote;
    if (!remote && !m_agent) {
        return false;
    }
    m_asked = m_target;
    append({QStringLiteral("question"), text, {}, {}, true, false, targetName(m_asked)});
    setBusy(true);
    if (remote) {
        remote->ask(text, m_remoteConversation);
    } else {
        m_agent->ask(text, conversationId());
    }
    return true;
}

void ConversationModel::cancel()
{
    if (m_agent) {
        m_agent->cancel(conversationId());
    }
    for (const Target &t : std::as_const(m_targets)) {
        if (t.remote) {
            t.remote->cancel();
        }
    }
}

void ConversationModel::clear()
{
    cancel();
    if (m_agent) {
        m_agent->reset(conversationId());
    }
    // The nodes asked over their API keep the old conversation; the next question starts a
    // new one.
    if (!m_remoteConversation.isEmpty()) {
        m_remoteConversation = newRemoteConversation();
    }
    beginResetModel();
    m_rows.clear();
    m_pendingDelta.clear();
    m_notifications = 0;
    endResetModel();
    Q_EMIT countChanged();
}

void ConversationModel::checkOllama()
{
    const quint64 check = ++m_healthCheck;
    if (m_target >= 0 && m_targets.at(m_target).remote) {
        // Another node: what its health says of its Ollama (a later check or another target
        // makes this answer moot).
        m_targets.at(m_target).remote->checkHealth(
            this, [this, check](const QString &state, const QString &text) {
                if (check == m_healthCheck) {
                    setOllama(state, text);
                }
            });
        return;
    }
    if (!m_ollama) {
        setOllama(QStringLiteral("unreachable"), tr("The agent is not running."));
        return;
    }
    const QString model = m_ollama->settings().model;
    m_ollama->version(this, [this, model, check](const QJsonObject &answer, const QString &error) {
        if (check != m_healthCheck) {
            return;
        }
        if (!error.isEmpty()) {
            setOllama(QStringLiteral("unreachable"), error);
            return;
        }
        const QString version = answer.value(QStringLiteral("version")).toString();
        m_ollama->capabilities(
            model, this,
            [this, version, model, check](const QStringList &caps, const QString &capError) {
                if (check != m_healthCheck) {
                    return;
                }
                if (!capError.isEmpty()) {
                    setOllama(QStringLiteral("nomodel"), capError);
                } else if (!caps.contains(QStringLiteral("tools"))) {
                    setOllama(QStringLiteral("nomodel"),
                              tr("The model %1 cannot use tools; choose another in "
                                 "ollama.model.")
                                  .arg(model));
                } else {
                    setOllama(QStringLiteral("ok"), tr("Ollama %1, model %2").arg(version, model));
                }
            });
    });
}

void ConversationModel::append(const Row &row)
{
    // A kiosk runs for months: rule notifications and old answers go once there are more
    // than s_maxRows rows, oldest first (never the answer being written, which is the last).
    if (m_rows.size() >= s_maxRows) {
        const int drop = int(m_rows.size()) - s_maxRows + 1;
        beginRemoveRows(QModelIndex(), 0, drop - 1);
        m_rows.remove(0, drop);
        endRemoveRows();
    }
    const int at = int(m_rows.size());
    beginInsertRows(QModelIndex(), at, at);
    m_rows.append(row);
    endInsertRows();
    Q_EMIT countChanged();
}

int ConversationModel::lastAnswerRow() const
{
    for (int i = int(m_rows.size()) - 1; i >= 0; --i) {
        const QString &kind = m_rows.at(i).kind;
        if (kind == QLatin1String("answer")) {
            return i;
        }
        if (kind == QLatin1String("question")) {
            return -1;
        }
    }
    return -1;
}

void ConversationModel::flushDelta()
{
    if (m_pendingDelta.isEmpty()) {
        return;
    }
    const QString piece = std::exchange(m_pendingDelta, {});
    const int row = lastAnswerRow();
    // A tool call after some text starts a new answer bubble below it.
    if (row < 0 || row != m_rows.size() - 1) {
        append({QStringLiteral("answer"), piece, {}, {}, true, true, targetName(m_asked)});
        return;
    }
    m_rows[row].text += piece;
    Q_EMIT dataChanged(index(row), index(row), {TextRole, PendingRole});
}

void ConversationModel::setBusy(bool busy)
{
    if (busy != m_busy) {
        m_busy = busy;
        Q_EMIT busyChanged();
    }
}

void ConversationModel::setOllama(const QString &state, const QString &text)
{
    if (state != m_ollamaState || text != m_ollamaText) {
        m_ollamaState = state;
        m_ollamaText = text;
        Q_EMIT ollamaChanged();
    }
}

} // namespace Smollama
