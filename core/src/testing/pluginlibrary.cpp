// SPDX-License-Identifier: GPL-3.0-or-later
#include <smollama/testing.h>

#include "plugins/manifestvalidator.h"
#include "util/jsonschema.h"

#include <smollama/plugin.h>
#include <smollama/pluginfactory.h>
#include <smollama/readingprovider.h>
#include <smollama/readingsink.h>
#include <smollama/toolprovider.h>

#include <QCoreApplication>
#include <QFileInfo>
#include <QPluginLoader>

namespace Smollama::Testing {

namespace {

// The host's texts (same context and source text as the plugin manager's, so they share
// their translations).
QString hostText(const char *text)
{
    return QCoreApplication::translate("PluginManager", text);
}

} // namespace

class PluginLibraryPrivate
{
public:
    QString fileName;
    QPluginLoader loader;
    QJsonObject manifest;
    bool metaDataRead = false;
    PluginFactory *factory = nullptr;
    QString error;

    void readMetaData()
    {
        if (!metaDataRead) {
            metaDataRead = true;
            loader.setFileName(fileName);
            // metaData() reads the ELF section; it does not dlopen() the library.
            manifest = loader.metaData().value(QLatin1String("MetaData")).toObject();
        }
    }
};

PluginLibrary::PluginLibrary(const QString &fileName)
    : d(std::make_unique<PluginLibraryPrivate>())
{
    d->fileName = fileName;
}

PluginLibrary::~PluginLibrary() = default;

bool PluginLibrary::load()
{
    if (d->factory) {
        return true;
    }
    if (!QFileInfo::exists(d->fileName)) {
        d->error = QStringLiteral("%1 does not exist: build the plugin first").arg(d->fileName);
        return false;
    }
    d->readMetaData();
    const ManifestValidator::Result checked =
        ManifestValidator::validate(d->loader.metaData(), d->fileName);
    if (!checked.ok) {
        d->error = checked.problems.join(QLatin1String("; "));
        return false;
    }
    QObject *root = d->loader.instance();
    if (!root) {
        d->error = hostText("cannot be loaded: %1").arg(d->loader.errorString());
        return false;
    }
    d->factory = qobject_cast<PluginFactory *>(root);
    if (!d->factory) {
        d->error = hostText("its root object does not implement %1: declare "
                            "Q_INTERFACES(Smollama::PluginFactory) in the factory")
                       .arg(QLatin1String(SMOLLAMA_PLUGIN_FACTORY_IID));
        return false;
    }
    d->error.clear();
    return true;
}

bool PluginLibrary::isLoaded() const
{
    return d->factory != nullptr;
}

QString PluginLibrary::errorString() const
{
    return d->error;
}

QString PluginLibrary::fileName() const
{
    return d->fileName;
}

QJsonObject PluginLibrary::manifest() const
{
    d->readMetaData();
    return d->manifest;
}

PluginMetadata PluginLibrary::metadata() const
{
    return PluginMetadata(manifest());
}

QJsonObject PluginLibrary::config(const QJsonObject &config, QString *error) const
{
    const QJsonObject schema = metadata().configSchema();
    const QJsonObject filled = JsonSchema::applyDefaults(schema, config).toObject();
    const QList<SchemaError> problems = JsonSchema(schema).validate(filled);
    if (problems.isEmpty()) {
        return filled;
    }
    if (error) {
        QStringList lines;
        for (const SchemaError &problem : problems) {
            lines << (problem.path.isEmpty() ? QStringLiteral("config") : problem.path) +
                         QStringLiteral(": ") + problem.message;
        }
        *error = lines.join(QLatin1String("; "));
    }
    return {};
}

std::unique_ptr<QObject> PluginLibrary::createInstance()
{
    if (!d->factory && !load()) {
        return nullptr;
    }
    std::unique_ptr<QObject> object;
    try {
        object.reset(d->factory->create());
    } catch (...) {
        d->error = QStringLiteral("the factory's create() threw an exception");
        return nullptr;
    }
    if (!object) {
        d->error = hostText("its factory created no instance (create() returned null)");
        return nullptr;
    }
    const PluginMetadata md = metadata();
    QString missing;
    if (!qobject_cast<Plugin *>(object.get())) {
        missing = QStringLiteral("Smollama::Plugin");
    } else if (md.isSensor() && !qobject_cast<ReadingProvider *>(object.get())) {
        missing = hostText("Smollama::ReadingProvider (it declares type \"sensor\")");
    } else if (md.isTool() && !qobject_cast<ToolProvider *>(object.get())) {
        missing = hostText("Smollama::ToolProvider (it declares type \"tool\")");
    } else if (md.isSink() && !qobject_cast<ReadingSink *>(object.get())) {
        missing = QStringLiteral("Smollama::ReadingSink (it declares type \"sink\")");
    }
    if (!missing.isEmpty()) {
        d->error = hostText("its instance object does not implement %1: add it to Q_INTERFACES")
                       .arg(missing);
        return nullptr;
    }
    return object;
}

} // namespace Smollama::Testing
