// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/tool.h>
#include <smollama/toolplugin.h>

#include <QObject>

#include <memory>

namespace %{ClassName} {

/*! One instance of the %{PluginName} tool plugin. It offers one demo tool,
    %{PluginName}_echo: replace it with the tools your hardware or service offers. */
class %{ClassName}Plugin : public QObject, public Smollama::ToolPlugin
{
    Q_OBJECT
    Q_INTERFACES(Smollama::Plugin Smollama::ToolProvider)

public:
    %{ClassName}Plugin();
    ~%{ClassName}Plugin() override;

    Smollama::Result checkDependencies(const QJsonObject &config) override;
    Smollama::Result setup(const QJsonObject &config, Smollama::PluginContext *context) override;
    void teardown() override;
    QList<Smollama::Tool *> tools() const override;

private:
    std::unique_ptr<Smollama::Tool> m_echo;
};

} // namespace %{ClassName}
