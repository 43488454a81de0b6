// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace Smollama::Cli {

/*! plugin new NAME [--type sensor|tool] [--dir DIR]: scaffolds a plugin project. */
int pluginNew(const Options &options, Output &output);
/*! plugin install SOURCE [--ref REF] [--force] [--enable] [--plugins-dir DIR]. */
int pluginInstall(const Options &options, Output &output);
/*! plugin uninstall NAME: removes a plugin from the user plugins folder. */
int pluginUninstall(const Options &options, Output &output);
/*! plugin upgrade NAME: installs again from the origin recorded in origin.json. */
int pluginUpgrade(const Options &options, Output &output);
/*! plugin info NAME [--json]. */
int pluginInfo(const Options &options, Output &output);
/*! plugin probe LIBRARY (hidden): loads a library in this process, creates an instance with
    its factory and prints what it implements as JSON. `plugin install` runs it in a child
    process, so a plugin that crashes when loaded cannot take the installing CLI down. */
int pluginProbe(const Options &options, Output &output);

namespace Internal {

/*! The folder of the SDK's CMake package (SmollamaConfig.cmake) that belongs to this CLI:
    $SMOLLAMA_SDK_DIR, else <bin>/../<libdir>/cmake/Smollama (the same in a build tree and an
    installed prefix). */
QString sdkPackageDir();

/*! Where plugins are installed: --plugins-dir, plugins.install_dir, StatePaths::pluginsDir()
    (~/.smollama/plugins; /var/lib/smollama/plugins with SMOLLAMA_STATE_DIR=/var/lib/smollama). */
QString pluginsInstallDir(const Options &options);

/*! The configuration file `--enable` edits: -c FILE, else StatePaths::configFile(). */
QString userConfigPath(const Options &options);

/*! Inserts a plugins.custom entry {name, module} into the YAML \a text without rewriting the
    rest (comments and layout stay). Returns false with \a error when the layout is not one
    this can edit safely (a flow-style plugins: {...}). */
bool insertCustomInstance(QString &text, const QString &instance, const QString &module,
                          QString &error);

/*! The defaults of a JSON schema's properties (nested objects included). */
QJsonObject schemaDefaults(const QJsonObject &schema);

/*! An example plugins.custom entry for \a name with \a schema's defaults, as YAML text. */
QString exampleConfigYaml(const QString &name, const QJsonObject &schema);

} // namespace Internal

} // namespace Smollama::Cli
