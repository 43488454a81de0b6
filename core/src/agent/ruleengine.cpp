// SPDX-License-Identifier: GPL-3.0-or-later
#include "ruleengine.h"

#include "agent.h"
#include "agentlog.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLoggingCategory>
#include <QRegularExpression>

namespace Smollama {

namespace {

// The translation context of this file's messages (docs/translations.md).
class RuleTr
{
    Q_DECLARE_TR_FUNCTIONS(RuleEngine)
};

const QString s_rulePrefix = QStringLiteral("rule:");

} // namespace

RuleEngine::RuleEngine(QObject *parent)
    : QObject(parent)
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
{
}

RuleEngine::~RuleEngine() = default;

qint64 RuleEngine::parseDuration(const QJsonValue &value)
{
    if (value.isDouble()) {
        return value.toDouble() >= 0 ? qint64(value.toDouble() * 1000) : -1;
    }
    static const QRegularExpression re(
        QStringLiteral("^\\s*(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?\\s*$"));
    const QRegularExpressionMatch m = re.match(value.toString());
    if (!m.hasMatch()) {
        return -1;
    }
    const double n = m.captured(1).toDouble();
    const QString unit = m.captured(2);
    const double factor = unit == QLatin1String("ms")  ? 1
                          : unit == QLatin1String("m") ? 60000
                          : unit == QLatin1String("h") ? 3600000
                                                       : 1000;
    return qint64(n * factor);
}

QList<AgentRule> RuleEngine::parse(const QJsonArray &rules, QStringList *errors)
{
    static const QRegularExpression whenRe(QStringLiteral(
        "^\\s*([A-Za-z0-9_.-]+:[A-Za-z0-9_.-]+)\\s*(>=|<=|==|!=|>|<)\\s*(\\S+)\\s*$"));
    QList<AgentRule> out;
    QStringList names;
    for (int i = 0; i < rules.size(); ++i) {
        const QJsonObject o = rules.at(i).toObject();
        AgentRule rule;
        rule.name = o.value(QStringLiteral("name")).toString();
        const QString where =
            QStringLiteral("agent.rules[%1]%2")
                .arg(i)
                .arg(rule.name.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(rule.name));
        const auto fail = [&](const QString &message) {
            if (errors) {
                errors->append(QStringLiteral("%1: %2").arg(where, message));
            }
        };
        if (!rules.at(i).isObject()) {
            fail(RuleTr::tr("expected an object {name, when, for, cooldown, prompt}"));
            continue;
        }
        if (rule.name.isEmpty()) {
            fail(RuleTr::tr("name: missing; give every rule a name"));
            continue;
        }
        if (names.contains(rule.name)) {
            fail(RuleTr::tr("name: '%1' is used by an earlier rule").arg(rule.name));
            continue;
        }
        const QString when = o.value(QStringLiteral("when")).toString();
        const QRegularExpressionMatch m = whenRe.match(when);
        if (!m.hasMatch()) {
            fail(RuleTr::tr("when: expected \"<source> <op> <value>\" such as "
                            "\"system:cpu_temp > 70\" (op: > < >= <= == !=), got '%1'")
                     .arg(when));
            continue;
        }
        rule.source = m.captured(1);
        rule.op = m.captured(2);
        const QString value = m.captured(3);
        bool isNumber = false;
        const double number = value.toDouble(&isNumber);
        if (value == QLatin1String("true") || value == QLatin1String("false")) {
            rule.value = value == QLatin1String("true");
            if (rule.op != QLatin1String("==") && rule.op != QLatin1String("!=")) {
                fail(RuleTr::tr("when: a boolean compares only with == or !=, got '%1'").arg(when));
                continue;
            }
        } else if (isNumber) {
            rule.value = number;
        } else {
            fail(RuleTr::tr("when: '%1' is neither a number nor true/false").arg(value));
            continue;
        }
        const QJsonValue forValue = o.value(QStringLiteral("for"));
        rule.forMs = forValue.isUndefined() ? 0 : parseDuration(forValue);
        if (rule.forMs < 0) {
            fail(RuleTr::tr("for: expected a duration such as \"30s\" or \"5m\""));
            continue;
        }
        const QJsonValue cooldown = o.value(QStringLiteral("cooldown"));
        rule.cooldownMs = cooldown.isUndefined() ? 10 * 60 * 1000 : parseDuration(cooldown);
        if (rule.cooldownMs < 0) {
            fail(RuleTr::tr("cooldown: expected a duration such as \"10m\""));
            continue;
        }
        rule.prompt = o.value(QStringLiteral("prompt")).toString().trimmed();
        if (rule.prompt.isEmpty()) {
            fail(RuleTr::tr("prompt: missing; say what the agent should do when the rule "
                            "fires"));
            continue;
        }
        names.append(rule.name);
        out.append(rule);
    }
    return out;
}

QStringList RuleEngine::setRules(const QJsonArray &rules)
{
    QStringList errors;
    m_rules = parse(rules, &errors);
    m_states.clear();
    for (const QString &e : std::as_const(errors)) {
        qCWarning(lcAgent, "%s", qPrintable(e));
    }
    return errors;
}

void RuleEngine::setAgent(Agent *agent)
{
    if (m_agent) {
        disconnect(m_agent, nullptr, this, nullptr);
    }
    m_agent = agent;
    if (!agent) {
        return;
    }
    connect(
        agent, &Agent::answered, this, [this](const QString &conversation, const QString &text) {
            if (!conversation.startsWith(s_rulePrefix)) {
                return;
            }
            const QString rule = conversation.mid(s_rulePrefix.size());
            qCInfo(lcAgent, "Rule %s: %s", qPrintable(rule), qPrintable(text));
            const QJsonObject event{{QStringLiteral("type"), QStringLiteral("notification")},
                                    {QStringLiteral("rule"), rule},
                                    {QStringLiteral("text"), text},
                                    {QStringLiteral("time"),
                                     QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)}};
            Q_EMIT notification(rule, text, event);
        });
}

void RuleEngine::setClock(std::function<qint64()> clock)
{
    m_clock = std::move(clock);
}

bool RuleEngine::holds(const AgentRule &rule, const Reading &reading) const
{
    if (reading.quality() != Reading::Quality::Ok) {
        return false;
    }
    const QVariant v = reading.value();
    int cmp = 0;
    if (rule.value.typeId() == QMetaType::Bool) {
        if (v.typeId() != QMetaType::Bool && !v.canConvert<double>()) {
            return false;
        }
        const bool b = v.typeId() == QMetaType::Bool ? v.toBool() : v.toDouble() != 0;
        return rule.op == QLatin1String("==") ? b == rule.value.toBool() : b != rule.value.toBool();
    }
    bool ok = false;
    const double d = v.typeId() == QMetaType::Bool ? (v.toBool() ? 1 : 0) : v.toDouble(&ok);
    if (v.typeId() != QMetaType::Bool && (!ok || v.typeId() == QMetaType::QString)) {
        return false;
    }
    const double t = rule.value.toDouble();
    cmp = d < t ? -1 : (d > t ? 1 : 0);
    if (rule.op == QLatin1String(">")) {
        return cmp > 0;
    }
    if (rule.op == QLatin1String("<")) {
        return cmp < 0;
    }
    if (rule.op == QLatin1String(">=")) {
        return cmp >= 0;
    }
    if (rule.op == QLatin1String("<=")) {
        return cmp <= 0;
    }
    if (rule.op == QLatin1String("==")) {
        return cmp == 0;
    }
    return cmp != 0;
}

void RuleEngine::onReading(const Reading &reading)
{
    for (const AgentRule &rule : std::as_const(m_rules)) {
        if (rule.source != reading.source()) {
            continue;
        }
        State &state = m_states[rule.name];
        if (!holds(rule, reading)) {
            state.since = -1;
            continue;
        }
        const qint64 now = m_clock();
        if (state.since < 0) {
            state.since = now;
        }
        if (now - state.since < rule.forMs) {
            continue;
        }
        if (state.lastFired >= 0 && now - state.lastFired < rule.cooldownMs) {
            continue;
        }
        state.lastFired = now;
        qCInfo(lcAgent, "Rule %s fired (%s %s %s)", qPrintable(rule.name), qPrintable(rule.source),
               qPrintable(rule.op), qPrintable(rule.value.toString()));
        Q_EMIT fired(rule.name, rule.prompt);
        if (m_agent) {
            m_agent->ask(QStringLiteral("%1\n(Rule %2: %3 %4 %5; the reading is %6 %7.)")
                             .arg(rule.prompt, rule.name, rule.source, rule.op,
                                  rule.value.toString(), reading.value().toString(),
                                  reading.unit()),
                         s_rulePrefix + rule.name);
        }
    }
}

} // namespace Smollama
