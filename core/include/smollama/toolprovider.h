// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/tool.h>

#include <QList>
#include <QtPlugin>

namespace Smollama {

/*!
    Something that offers tools. A plugin may offer several.
*/
class ToolProvider
{
public:
    virtual ~ToolProvider() = default;

    /*! The tools of this instance, valid after setup() and until teardown(). The instance
        keeps ownership. */
    virtual QList<Tool *> tools() const = 0;
};

} // namespace Smollama

#define SMOLLAMA_TOOL_PROVIDER_IID "org.smollama.ToolProvider/1"
Q_DECLARE_INTERFACE(Smollama::ToolProvider, SMOLLAMA_TOOL_PROVIDER_IID)
