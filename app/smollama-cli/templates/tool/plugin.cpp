// SPDX-License-Identifier: GPL-3.0-or-later
#include "%{PluginName}plugin.h"

#include <smollama/tool.h>

#include <QJsonArray>

namespace %{ClassName} {

/*! The demo tool: returns its "text" argument with the configured prefix. */
class EchoTool : public Smollama::Tool
{
public:
    explicit EchoTool(const QString &prefix)
        : m_prefix(prefix)
    {
    }

    QString name() const override { return QStringLiteral("%{PluginName}_echo"); }

    QString description() const override
    {
        return QStringLiteral("Repeats the given text. Use it to test the %{PluginName} plugin.");
    }

    QJsonObject parametersSchema() const override
    {
        return {{QStringLiteral("type"), QStringLiteral("object")},
                {QStringLiteral("properties"),
                 QJsonObject{{QStringLiteral("text"),
                              QJsonObject{{QStringLiteral("type"), QStringLiteral("string")},
                                          {QStringLiteral("description"),
                                           QStringLiteral("What to repeat")}}}}},
                {QStringLiteral("required"), QJsonArray{QStringLiteral("text")}}};
    }

    Smollama::ToolResult call(const QJsonObject &arguments) override
    {
        // The host validated the arguments against parametersSchema().
        return Smollama::ToolResult::ok(m_prefix +
                                        arguments.value(QLatin1String("text")).toString());
    }

private:
    QString m_prefix;
};

%{ClassName}Plugin::%{ClassName}Plugin() = default;
%{ClassName}Plugin::~%{ClassName}Plugin() = default;

Smollama::Result %{ClassName}Plugin::checkDependencies(const QJsonObject &config)
{
    // Look, never claim: this also runs in the dry run of `smollama-cli plugin list`.
    Q_UNUSED(config)
    return Smollama::Result::ok();
}

Smollama::Result %{ClassName}Plugin::setup(const QJsonObject &config,
                                           Smollama::PluginContext *context)
{
    Q_UNUSED(context)
    // The config was validated against plugin.json's configSchema, defaults filled in.
    m_echo = std::make_unique<EchoTool>(config.value(QLatin1String("prefix")).toString());
    return Smollama::Result::ok();
}

void %{ClassName}Plugin::teardown()
{
    m_echo.reset();
}

QList<Smollama::Tool *> %{ClassName}Plugin::tools() const
{
    if (!m_echo) {
        return {}; // not set up
    }
    return {m_echo.get()};
}

} // namespace %{ClassName}
