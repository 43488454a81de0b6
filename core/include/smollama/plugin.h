// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/result.h>

#include <QJsonObject>
#include <QtPlugin>

namespace Smollama {

class PluginContext;

/*!
    The lifecycle every plugin instance has. An instance object (created by the plugin's
    PluginFactory) implements this interface and at least one of ReadingProvider and
    ToolProvider; SensorPlugin and ToolPlugin bundle the common combinations.

    The host calls, in this order: checkDependencies(), setup() (only when the check passed and
    the configuration is valid), then reads or tool calls, and teardown() exactly once for
    every instance whose setup() succeeded, also on SIGINT/SIGTERM. Nothing here may throw
    across the plugin boundary: return Result::error() instead (the host still catches
    exceptions and marks the instance failed).

    The instance's metadata (its manifest) and its config schema are available through the
    PluginContext given to setup().
*/
class Plugin
{
public:
    virtual ~Plugin() = default;

    /*! Checks that what this instance needs is present: a device node, a kernel interface, a
        library that is loaded at run time. Called before setup(), also by the dry run of
        `smollama-cli plugin list`, so it must not claim hardware. \a config is the validated
        configuration with defaults filled in. Return Result::error("no GPIO chip
        /dev/gpiochip0 (not a Raspberry Pi?)") and the instance is shown as
        missing_dependencies with that reason. */
    virtual Result checkDependencies(const QJsonObject &config) = 0;

    /*! Claims resources and prepares reads. \a config was validated against the manifest's
        configSchema, with the schema's defaults filled in. \a context stays valid until
        teardown() returns. A failure marks the instance failed with the result's message. */
    virtual Result setup(const QJsonObject &config, PluginContext *context) = 0;

    /*! Releases everything setup() claimed and leaves hardware in a safe state. Called once,
        on the same thread as setup(), only when setup() succeeded. */
    virtual void teardown() = 0;
};

} // namespace Smollama

#define SMOLLAMA_PLUGIN_IID "org.smollama.Plugin/1"
Q_DECLARE_INTERFACE(Smollama::Plugin, SMOLLAMA_PLUGIN_IID)
