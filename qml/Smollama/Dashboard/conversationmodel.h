// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractListModel>
#include <QJsonValue>
#include <QPointer>
#include <QTimer>
#include <QVariantList>
#include <QVector>

#include <QtQml/qqmlregistration.h>
#include <functional>

namespace Smollama {

class Agent;
class OllamaClient;
class RemoteAgent;
class RemoteNode;
class RuleEngine;

/*!
    The dashboard's chat with the agent (conversation "dashboard"): questions, the answer as it
    streams, the tool calls inline with their results, errors, and the rules' notifications.
    Also whether Ollama is reachable and which model is asked.

    The question goes to the chosen node (target): this node's agent in process, or the agent
    of a node followed over its HTTP API (addRemote(), asked through POST /api/agent/ask with
    its token). Every row says which node it comes from. Nodes known only over MQTT have no
    address to ask and are not listed.

    Streamed pieces are collected and shown every 100 ms, so a fast model costs one update per
    interval.
*/
class ConversationModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The dashboard creates the conversation model")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(bool busy READ isBusy NOTIFY busyChanged)
    Q_PROPERTY(QString ollamaState READ ollamaState NOTIFY ollamaChanged)
    Q_PROPERTY(QString ollamaText READ ollamaText NOTIFY ollamaChanged)
    Q_PROPERTY(QString model READ model NOTIFY ollamaChanged)
    Q_PROPERTY(int notifications READ notifications NOTIFY countChanged)
    /*! The nodes that can be asked, in order: [{name, url, local, online}]. */
    Q_PROPERTY(QVariantList nodes READ nodes NOTIFY nodesChanged)
    /*! The index in nodes of the node asked next; -1 when none can be. */
    Q_PROPERTY(int target READ target WRITE setTarget NOTIFY targetChanged)
    Q_PROPERTY(QString targetName READ targetName NOTIFY targetChanged)

public:
    enum Role {
        KindRole = Qt::UserRole + 1,
        TextRole,
        ToolRole,
        DetailRole,
        OkRole,
        PendingRole,
        NodeRole, //!< the node asked (question) or answering (everything else)
    };
    Q_ENUM(Role)

    /*! None is owned; \a rules and \a ollama may be null. */
    ConversationModel(Agent *agent, RuleEngine *rules, OllamaClient *ollama,
                      QObject *parent = nullptr);
    ~ConversationModel() override;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    int count() const { return int(m_rows.size()); }
    bool isBusy() const { return m_busy; }
    /*! "checking", "ok", "unreachable" or "nomodel". */
    QString ollamaState() const { return m_ollamaState; }
    QString ollamaText() const { return m_ollamaText; }
    QString model() const;
    int notifications() const { return m_notifications; }

    /*! This node's name, shown for its agent's answers and its rules' notifications. */
    void setLocalName(const QString &name);
    /*! Lets the chat ask \a node (not owned; must outlive this model) through its API. */
    void addRemote(RemoteNode *node);
    QVariantList nodes() const;
    int target() const { return m_target; }
    void setTarget(int target);
    QString targetName() const;
    /*! The node named in \a row. */
    QString nodeOf(int row) const { return m_rows.value(row).node; }

    /*! Asks \a question; returns false (and adds nothing) when it is empty. */
    Q_INVOKABLE bool ask(const QString &question);
    Q_INVOKABLE void cancel();
    /*! Forgets the conversation (the agent's messages too). */
    Q_INVOKABLE void clear();
    /*! Asks Ollama again whether it is there (every 30 s by itself). */
    Q_INVOKABLE void checkOllama();

    static QString conversationId();

Q_SIGNALS:
    void countChanged();
    void busyChanged();
    void ollamaChanged();
    void nodesChanged();
    void targetChanged();

private:
    struct Row
    {
        QString kind; // question, answer, tool, error, notification
        QString text;
        QString tool;
        QString detail;
        bool ok = true;
        bool pending = false;
        QString node;
    };

    /*! A node that can be asked: this node's agent (remote null) or one over its API. */
    struct Target
    {
        RemoteAgent *remote = nullptr; // owned (child of this model)
    };

    template<typename Source>
    void follow(Source *source, const std::function<bool(const QString &)> &mine);
    QString targetName(int target) const;
    static QString newRemoteConversation();

    void append(const Row &row);
    void flushDelta();
    void setBusy(bool busy);
    void setOllama(const QString &state, const QString &text);
    int lastAnswerRow() const;

    QPointer<Agent> m_agent;
    QPointer<OllamaClient> m_ollama;
    QString m_localName;
    QVector<Target> m_targets;
    int m_target = -1;
    int m_asked = -1; //!< the target of the question being answered
    QString m_remoteConversation;
    quint64 m_healthCheck = 0;
    QVector<Row> m_rows;
    QString m_pendingDelta;
    QTimer m_deltaTimer;
    QTimer m_ollamaTimer;
    bool m_busy = false;
    static constexpr int s_maxRows = 200;
    int m_notifications = 0;
    QString m_ollamaState = QStringLiteral("checking");
    QString m_ollamaText;
};

} // namespace Smollama
