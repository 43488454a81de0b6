// SPDX-License-Identifier: GPL-3.0-or-later
#include "manifestvalidator.h"

#include "util/jsonschema.h"

#include <smollama/pluginfactory.h>
#include <smollama/version.h>

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QLibraryInfo>
#include <QRegularExpression>
#include <QVersionNumber>

namespace Smollama {

namespace {

// The translation context of this file's messages (docs/translations.md).
class ManifestTr
{
    Q_DECLARE_TR_FUNCTIONS(PluginManager)
};

const JsonSchema &manifestSchema()
{
    static const JsonSchema schema = [] {
        QFile file(QStringLiteral(":/smollama/schemas/manifest.schema.json"));
        file.open(QIODevice::ReadOnly);
        return JsonSchema(QJsonDocument::fromJson(file.readAll()).object());
    }();
    return schema;
}

QString sdkString()
{
    return QStringLiteral(SMOLLAMA_SDK_VERSION_STRING);
}

} // namespace

QString ManifestValidator::checkSdkVersion(const QString &sdkVersion)
{
    if (sdkVersion.isEmpty()) {
        return ManifestTr::tr("it carries no SDK stamp (\"sdkVersion\"): build it with "
                              "smollama_add_plugin() from the smollama SDK %1")
            .arg(sdkString());
    }
    static const QRegularExpression re(QStringLiteral("^(\\d+)\\.(\\d+)$"));
    const QRegularExpressionMatch m = re.match(sdkVersion);
    if (!m.hasMatch()) {
        return ManifestTr::tr("its SDK stamp \"%1\" is malformed: rebuild it with "
                              "smollama_add_plugin() from the smollama SDK %2")
            .arg(sdkVersion, sdkString());
    }
    const int major = m.captured(1).toInt();
    const int minor = m.captured(2).toInt();
    if (major != SMOLLAMA_SDK_VERSION_MAJOR) {
        return ManifestTr::tr("built for SDK %1, this is %2: rebuild it against this SDK")
            .arg(sdkVersion, sdkString());
    }
    if (minor > SMOLLAMA_SDK_VERSION_MINOR) {
        return ManifestTr::tr("built for SDK %1, newer than this smollama's SDK %2: upgrade "
                              "smollama or rebuild the plugin against SDK %2")
            .arg(sdkVersion, sdkString());
    }
    return {};
}

QStringList ManifestValidator::validateManifest(const QJsonObject &manifest)
{
    return validateManifest(manifest, nullptr);
}

QStringList ManifestValidator::validateManifest(const QJsonObject &manifest,
                                                JsonSchema *compiledConfigSchema)
{
    QStringList problems;
    const QList<SchemaError> errors = manifestSchema().validate(manifest);
    for (const SchemaError &e : errors) {
        problems.append(e.path.isEmpty() ? e.message
                                         : QStringLiteral("\"%1\": %2").arg(e.path, e.message));
    }
    const QJsonValue configSchema = manifest.value(QLatin1String("configSchema"));
    if (configSchema.isObject()) {
        const JsonSchema compiled(configSchema.toObject());
        if (!compiled.isValid()) {
            problems.append(ManifestTr::tr("\"configSchema\" is not a valid JSON Schema: %1")
                                .arg(compiled.errorString()));
        } else if (compiledConfigSchema) {
            *compiledConfigSchema = compiled;
        }
    }
    return problems;
}

ManifestValidator::Result ManifestValidator::validate(const QJsonObject &metaData,
                                                      const QString &path)
{
    Q_UNUSED(path)
    Result result;
    if (metaData.isEmpty()) {
        result.problems.append(
            ManifestTr::tr("no Qt plugin metadata found: it is not a Qt 6 plugin (a plugin "
                           "built with Qt 5, or a plain library); rebuild it with "
                           "smollama_add_plugin() against Qt %1")
                .arg(QLatin1String(qVersion())));
        return result;
    }
    const QString iid = metaData.value(QLatin1String("IID")).toString();
    const QString wanted = QStringLiteral(SMOLLAMA_PLUGIN_FACTORY_IID);
    const QString family = wanted.left(wanted.lastIndexOf(QLatin1Char('/')) + 1);
    if (iid != wanted) {
        if (iid.startsWith(family)) {
            result.problems.append(
                ManifestTr::tr("built for plugin interface %1, this smollama has %2: rebuild "
                               "it against this SDK (%3)")
                    .arg(iid, wanted, sdkString()));
        } else {
            result.problems.append(
                ManifestTr::tr("not a smollama plugin (its interface is \"%1\", expected \"%2\")")
                    .arg(iid.isEmpty() ? QStringLiteral("none") : iid, wanted));
        }
        return result;
    }
    // Qt refuses plugins built with a newer Qt minor (it compares major and minor only); say
    // so before QPluginLoader does it cryptically.
    const int builtWithQt = metaData.value(QLatin1String("version")).toInt();
    const QVersionNumber running = QVersionNumber::fromString(QLatin1String(qVersion()));
    const int builtMajor = builtWithQt >> 16;
    const int builtMinor = (builtWithQt >> 8) & 0xff;
    if (builtMajor != running.majorVersion() ||
        (builtMajor == running.majorVersion() && builtMinor > running.minorVersion())) {
        result.problems.append(
            ManifestTr::tr("built with Qt %1.%2, this smollama runs Qt %3: rebuild it against "
                           "this Qt")
                .arg(builtMajor)
                .arg(builtMinor)
                .arg(running.toString()));
    }
    const QJsonValue manifest = metaData.value(QLatin1String("MetaData"));
    if (!manifest.isObject()) {
        result.problems.append(ManifestTr::tr("its manifest is missing: give "
                                              "Q_PLUGIN_METADATA a FILE with the plugin.json"));
        return result;
    }
    result.manifest = manifest.toObject();
    const QStringList manifestProblems = validateManifest(result.manifest, &result.configSchema);
    for (const QString &p : manifestProblems) {
        result.problems.append(ManifestTr::tr("invalid manifest: %1").arg(p));
    }
    const QString sdkProblem =
        checkSdkVersion(result.manifest.value(QLatin1String("sdkVersion")).toString());
    if (!sdkProblem.isEmpty()) {
        result.problems.append(sdkProblem);
    }
    result.ok = result.problems.isEmpty();
    return result;
}

} // namespace Smollama
