// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/toolresult.h>

#include <QJsonObject>
#include <QString>

namespace Smollama {

/*!
    A function the agent (and the HTTP API and the dashboard) can call, such as
    gpio_write(name, state).

    The host validates the arguments against parametersSchema() before call(), so call() only
    sees arguments of the declared shape. Calls run off the user-interface thread, one at a
    time per tool, with a timeout.
*/
class Tool
{
public:
    virtual ~Tool() = default;

    /*! A unique name: lower-case letters, digits and '_' ("gpio_write"). */
    virtual QString name() const = 0;

    /*! One or two sentences telling the model when to use the tool. */
    virtual QString description() const = 0;

    /*! A JSON Schema (draft 7) object for the arguments, e.g. {"type": "object",
        "properties": {"name": {"type": "string"}}, "required": ["name"]}. */
    virtual QJsonObject parametersSchema() const = 0;

    /*! Runs the tool with validated \a arguments. */
    virtual ToolResult call(const QJsonObject &arguments) = 0;
};

} // namespace Smollama
