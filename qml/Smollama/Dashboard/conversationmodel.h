// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractListModel>
#include <QJsonValue>
#include <QPointer>
#include <QTimer>
#include <QVector>
#include <QtQml/qqmlregistration.h>

namespace Smollama {

class Agent;
class OllamaClient;
class RuleEngine;

/*!
    The dashboard's chat with the agent (conversation "dashboard"): questions, the answer as it
    streams, the tool calls inline with their results, errors, and the rules' notifications.
    Also whether Ollama is reachable and which model is asked.

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

public:
    enum Role { KindRole = Qt::UserRole + 1, TextRole, ToolRole, DetailRole, OkRole, PendingRole };
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

private:
    struct Row
    {
        QString kind; // question, answer, tool, error, notification
        QString text;
        QString tool;
        QString detail;
        bool ok = true;
        bool pending = false;
    };

    void append(const Row &row);
    void flushDelta();
    void setBusy(bool busy);
    void setOllama(const QString &state, const QString &text);
    int lastAnswerRow() const;

    QPointer<Agent> m_agent;
    QPointer<OllamaClient> m_ollama;
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
