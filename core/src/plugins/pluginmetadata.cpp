// SPDX-License-Identifier: GPL-3.0-or-later
#include <smollama/pluginmetadata.h>

#include <QJsonArray>

namespace Smollama {

class PluginMetadataData : public QSharedData
{
public:
    QJsonObject json;
};

namespace {

QStringList stringList(const QJsonValue &value)
{
    QStringList out;
    if (value.isString()) {
        out.append(value.toString());
    } else {
        const QJsonArray array = value.toArray();
        for (const QJsonValue &v : array) {
            if (v.isString()) {
                out.append(v.toString());
            }
        }
    }
    return out;
}

} // namespace

PluginMetadata::PluginMetadata()
    : d(new PluginMetadataData)
{
}

PluginMetadata::PluginMetadata(const QJsonObject &manifest)
    : d(new PluginMetadataData)
{
    d->json = manifest;
}

PluginMetadata::PluginMetadata(const PluginMetadata &other) = default;
PluginMetadata &PluginMetadata::operator=(const PluginMetadata &other) = default;
PluginMetadata::~PluginMetadata() = default;

QString PluginMetadata::name() const
{
    return d->json.value(QLatin1String("name")).toString();
}

QString PluginMetadata::version() const
{
    return d->json.value(QLatin1String("version")).toString();
}

QString PluginMetadata::author() const
{
    return d->json.value(QLatin1String("author")).toString();
}

QString PluginMetadata::description() const
{
    return d->json.value(QLatin1String("description")).toString();
}

QStringList PluginMetadata::types() const
{
    return stringList(d->json.value(QLatin1String("type")));
}

bool PluginMetadata::isSensor() const
{
    return types().contains(QLatin1String("sensor"));
}

bool PluginMetadata::isTool() const
{
    return types().contains(QLatin1String("tool"));
}

bool PluginMetadata::isSink() const
{
    return types().contains(QLatin1String("sink"));
}

QStringList PluginMetadata::dependencies() const
{
    return stringList(d->json.value(QLatin1String("dependencies")));
}

QJsonObject PluginMetadata::configSchema() const
{
    return d->json.value(QLatin1String("configSchema")).toObject();
}

QString PluginMetadata::sdkVersion() const
{
    return d->json.value(QLatin1String("sdkVersion")).toString();
}

QJsonObject PluginMetadata::toJson() const
{
    return d->json;
}

} // namespace Smollama
