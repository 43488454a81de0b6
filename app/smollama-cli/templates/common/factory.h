// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/pluginfactory.h>

#include <QObject>

namespace %{ClassName} {

/*! The root object of libsmollama_%{PluginName}.so: one %{ClassName}Plugin per configured
    instance. */
class %{ClassName}Factory : public QObject, public Smollama::PluginFactory
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID SMOLLAMA_PLUGIN_FACTORY_IID FILE "smollama_manifest.json")
    Q_INTERFACES(Smollama::PluginFactory)

public:
    QObject *create() override;
};

} // namespace %{ClassName}
