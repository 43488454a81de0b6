// SPDX-License-Identifier: GPL-3.0-or-later
#include "modbustool.h"

#include <utility>

namespace Smollama::Internal {

ModbusTool::ModbusTool(const QString &name, const QString &description, const QJsonObject &schema,
                       Handler handler)
    : m_name(name)
    , m_description(description)
    , m_schema(schema)
    , m_handler(std::move(handler))
{
}

QString ModbusTool::name() const
{
    return m_name;
}

QString ModbusTool::description() const
{
    return m_description;
}

QJsonObject ModbusTool::parametersSchema() const
{
    return m_schema;
}

ToolResult ModbusTool::call(const QJsonObject &arguments)
{
    // No exception may leave a plugin: the host would only see "threw an exception".
    try {
        return m_handler ? m_handler(arguments)
                         : ToolResult::error(QStringLiteral("%1 is not available").arg(m_name));
    } catch (...) {
        return ToolResult::error(QStringLiteral("%1 failed unexpectedly").arg(m_name));
    }
}

} // namespace Smollama::Internal
