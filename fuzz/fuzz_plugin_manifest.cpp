// SPDX-License-Identifier: GPL-3.0-or-later
// What a plugin library's metadata section may hold: the JSON QPluginLoader::metaData() returns
// (IID, Qt version, "MetaData" with the manifest), checked by the manifest validator, then the
// manifest turned into PluginMetadata as the plugin manager does.
#include "plugins/manifestvalidator.h"

#include <smollama/pluginmetadata.h>

#include <QJsonDocument>
#include <QLoggingCategory>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const bool quiet = [] {
        QLoggingCategory::setFilterRules(QStringLiteral("*=false"));
        return true;
    }();
    (void)quiet;
    const QJsonDocument doc = QJsonDocument::fromJson(
        QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (!doc.isObject()) {
        return 0;
    }
    const QJsonObject metaData = doc.object();
    const auto result =
        Smollama::ManifestValidator::validate(metaData, QStringLiteral("/fuzz/libfuzz.so"));
    const Smollama::PluginMetadata md(result.manifest);
    (void)md.name();
    (void)md.types();
    (void)md.configSchema();
    (void)Smollama::ManifestValidator::validateManifest(
        metaData.value(QStringLiteral("MetaData")).toObject());
    return 0;
}
