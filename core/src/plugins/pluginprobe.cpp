// SPDX-License-Identifier: GPL-3.0-or-later
#include "pluginprobe.h"

#include <smollama/plugin.h>
#include <smollama/pluginfactory.h>
#include <smollama/pluginmetadata.h>
#include <smollama/readingprovider.h>
#include <smollama/toolprovider.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QPluginLoader>

#include <memory>

namespace Smollama {

namespace {

class Tr
{
    Q_DECLARE_TR_FUNCTIONS(PluginInstaller)
};

} // namespace

QJsonObject PluginProbe::run(const QString &library)
{
    QJsonObject result{{QStringLiteral("library"), library}};
    const auto finish = [&](bool ok, const QString &error) {
        result.insert(QStringLiteral("ok"), ok);
        if (!error.isEmpty()) {
            result.insert(QStringLiteral("error"), error);
        }
        return result;
    };
    QPluginLoader loader(library);
    const QJsonObject manifest = loader.metaData().value(QLatin1String("MetaData")).toObject();
    result.insert(QStringLiteral("name"), manifest.value(QLatin1String("name")));
    if (!loader.load()) {
        return finish(false, loader.errorString());
    }
    auto *factory = qobject_cast<PluginFactory *>(loader.instance());
    if (!factory) {
        return finish(false, Tr::tr("its root object is not a Smollama::PluginFactory"));
    }
    std::unique_ptr<QObject> object;
    try {
        object.reset(factory->create());
    } catch (...) {
        return finish(false, Tr::tr("PluginFactory::create() threw an exception"));
    }
    if (!object) {
        return finish(false, Tr::tr("PluginFactory::create() returned no object"));
    }
    const PluginMetadata metadata(manifest);
    QJsonArray interfaces;
    QStringList missing;
    const auto check = [&](bool has, const char *iface) {
        if (has) {
            interfaces.append(QLatin1String(iface));
        } else {
            missing << QLatin1String(iface);
        }
    };
    check(qobject_cast<Plugin *>(object.get()), "Smollama::Plugin");
    if (metadata.isSensor()) {
        check(qobject_cast<ReadingProvider *>(object.get()), "Smollama::ReadingProvider");
    }
    if (metadata.isTool()) {
        check(qobject_cast<ToolProvider *>(object.get()), "Smollama::ToolProvider");
    }
    result.insert(QStringLiteral("interfaces"), interfaces);
    object.reset();
    if (!missing.isEmpty()) {
        return finish(false, QStringLiteral("its instance object does not implement %1 (list it "
                                            "in Q_INTERFACES)")
                                 .arg(missing.join(QLatin1String(", "))));
    }
    return finish(true, {});
}

} // namespace Smollama
