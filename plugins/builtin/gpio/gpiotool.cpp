// SPDX-License-Identifier: GPL-3.0-or-later
#include "gpiotool.h"

#include <QCoreApplication>

#include <utility>

namespace Smollama::Internal {

namespace {

// The translation context of this file's messages (docs/translations.md).
class GpioToolTr
{
    Q_DECLARE_TR_FUNCTIONS(GpioPlugin)
};

} // namespace

GpioTool::GpioTool(const QString &name, const QString &description, const QJsonObject &schema,
                   Handler handler)
    : m_name(name)
    , m_description(description)
    , m_schema(schema)
    , m_handler(std::move(handler))
{
}

QString GpioTool::name() const
{
    return m_name;
}

QString GpioTool::description() const
{
    return m_description;
}

QJsonObject GpioTool::parametersSchema() const
{
    return m_schema;
}

ToolResult GpioTool::call(const QJsonObject &arguments)
{
    // No exception may leave a plugin: the host would only see "threw an exception".
    try {
        return m_handler ? m_handler(arguments)
                         : ToolResult::error(GpioToolTr::tr("%1 is not available").arg(m_name));
    } catch (...) {
        return ToolResult::error(GpioToolTr::tr("%1 failed unexpectedly").arg(m_name));
    }
}

} // namespace Smollama::Internal
