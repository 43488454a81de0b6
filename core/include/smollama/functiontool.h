// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/tool.h>

#include <QCoreApplication>

#include <exception>
#include <functional>
#include <utility>

namespace Smollama {

/*!
    A ready Tool (SDK 1.1): a name, a description, an argument schema and a handler. Use it
    instead of writing a Tool subclass per tool:

    \code
    m_tools.push_back(std::make_unique<Smollama::FunctionTool>(
        QStringLiteral("fan_set"), tr("Switches the fan on or off."),
        QJsonObject{{"type", "object"},
                    {"properties", QJsonObject{{"on", QJsonObject{{"type", "boolean"}}}}},
                    {"required", QJsonArray{"on"}}},
        [this](const QJsonObject &args) { return setFan(args.value("on").toBool()); }));
    \endcode

    call() runs the handler and turns an exception it throws into ToolResult::error() with the
    exception's what(), so nothing crosses the plugin boundary.
*/
class FunctionTool : public Tool
{
public:
    using Handler = std::function<ToolResult(const QJsonObject &arguments)>;

    FunctionTool(QString name, QString description, QJsonObject parametersSchema, Handler handler)
        : m_name(std::move(name))
        , m_description(std::move(description))
        , m_schema(std::move(parametersSchema))
        , m_handler(std::move(handler))
    {
    }

    QString name() const override { return m_name; }
    QString description() const override { return m_description; }
    QJsonObject parametersSchema() const override { return m_schema; }

    ToolResult call(const QJsonObject &arguments) override
    {
        if (!m_handler) {
            return ToolResult::error(
                QCoreApplication::translate("Smollama::FunctionTool", "%1 is not available")
                    .arg(m_name));
        }
        try {
            return m_handler(arguments);
        } catch (const std::exception &e) {
            return ToolResult::error(
                QCoreApplication::translate("Smollama::FunctionTool", "%1 failed: %2")
                    .arg(m_name, QString::fromLocal8Bit(e.what())));
        } catch (...) {
            return ToolResult::error(
                QCoreApplication::translate("Smollama::FunctionTool", "%1 failed unexpectedly")
                    .arg(m_name));
        }
    }

private:
    QString m_name;
    QString m_description;
    QJsonObject m_schema;
    Handler m_handler;
};

} // namespace Smollama
