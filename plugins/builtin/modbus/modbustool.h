// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/tool.h>

#include <functional>

namespace Smollama::Internal {

/*!
    The modbus_write tool: its name, description and argument schema, with the call forwarded
    to the plugin instance that owns it.
*/
class ModbusTool : public Tool
{
public:
    using Handler = std::function<ToolResult(const QJsonObject &arguments)>;

    ModbusTool(const QString &name, const QString &description, const QJsonObject &schema,
               Handler handler);

    QString name() const override;
    QString description() const override;
    QJsonObject parametersSchema() const override;
    ToolResult call(const QJsonObject &arguments) override;

private:
    QString m_name;
    QString m_description;
    QJsonObject m_schema;
    Handler m_handler;
};

} // namespace Smollama::Internal
