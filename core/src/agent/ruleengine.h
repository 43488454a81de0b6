// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/reading.h>
#include <smollama/smollama_export.h>

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <functional>

namespace Smollama {

class Agent;

/*! One parsed entry of agent.rules. */
struct AgentRule
{
    QString name;
    QString source;   //!< "system:cpu_temp"
    QString op;       //!< >, <, >=, <=, ==, !=
    QVariant value;   //!< a double or a bool
    qint64 forMs = 0; //!< how long the condition must hold
    qint64 cooldownMs = 10 * 60 * 1000;
    QString prompt;
};

/*!
    Starts the agent when readings meet a rule's condition:
    agent.rules: [{name, when: "system:cpu_temp > 70", for: 60s, cooldown: 10m, prompt}].

    A rule fires when its condition has held for `for` (on consecutive ok readings), at most once
    per `cooldown`; the agent is asked `prompt` in the conversation "rule:<name>" and its answer
    is published as notification() (and logged). Readings arrive through onReading() (connect
    it to the bus).
*/
class SMOLLAMA_EXPORT RuleEngine : public QObject
{
    Q_OBJECT

public:
    explicit RuleEngine(QObject *parent = nullptr);
    ~RuleEngine() override;

    /*! Parses agent.rules; each malformed rule gives one error naming it and is left out. */
    static QList<AgentRule> parse(const QJsonArray &rules, QStringList *errors);
    /*! "30s", "10m", "1h", "500ms" or a number of seconds; -1 when unreadable. */
    static qint64 parseDuration(const QJsonValue &value);

    /*! Replaces the rules; returns the errors of the malformed ones. */
    QStringList setRules(const QJsonArray &rules);
    QList<AgentRule> rules() const { return m_rules; }

    /*! The agent asked when a rule fires (not owned); without one only fired() is emitted. */
    void setAgent(Agent *agent);
    /*! The clock in ms since the epoch (tests inject one). */
    void setClock(std::function<qint64()> clock);

    void onReading(const Smollama::Reading &reading);

Q_SIGNALS:
    /*! \a rule fired; the agent is being asked \a prompt. */
    void fired(const QString &rule, const QString &prompt);
    /*! The agent's answer to a fired rule, as an event object too:
        {"type":"notification","rule","text"}. */
    void notification(const QString &rule, const QString &text, const QJsonObject &event);

private:
    struct State
    {
        qint64 since = -1;
        qint64 lastFired = -1;
    };
    bool holds(const AgentRule &rule, const Reading &reading) const;

    QList<AgentRule> m_rules;
    QHash<QString, State> m_states;
    QPointer<Agent> m_agent;
    std::function<qint64()> m_clock;
};

} // namespace Smollama
