// SPDX-License-Identifier: GPL-3.0-or-later
// Checking the configuration: the file's keys against the schema (unknown keys, empty values,
// wrong values, which the defaults then replace) and the plugin instances it declares.
#include "config_p.h"

#include "util/schemaexplainer.h"

#include <smollama/names.h>

#include <QJsonArray>

#include <algorithm>

namespace Smollama {

using namespace Internal;

namespace {

using Segment = JsonSchema::PathSegment;

// Removes the object member at \a segments (array items are left: their index is part of other
// paths). Returns the changed value.
QJsonValue removeAt(const QJsonValue &value, const QList<Segment> &segments, int i = 0)
{
    if (i >= segments.size()) {
        return value;
    }
    const Segment &s = segments.at(i);
    const bool last = i == segments.size() - 1;
    if (s.index >= 0 && value.isArray()) {
        QJsonArray array = value.toArray();
        if (!last && s.index < array.size()) {
            array[s.index] = removeAt(array.at(s.index), segments, i + 1);
        }
        return array;
    }
    if (s.index < 0 && value.isObject()) {
        QJsonObject object = value.toObject();
        if (last) {
            object.remove(s.key);
        } else if (object.contains(s.key)) {
            object.insert(s.key, removeAt(object.value(s.key), segments, i + 1));
        }
        return object;
    }
    return value;
}

// The instance entry's keys beside config (types checked by the schema).
void readRetryKeys(const QJsonObject &entry, InstanceConfig &instance)
{
    instance.retrySetup =
        entry.value(QLatin1String("on_setup_error")).toString() == QLatin1String("retry");
    const double maxDelay = entry.value(QLatin1String("retry_max_delay_s")).toDouble(0);
    instance.retryMaxDelayMs = maxDelay > 0 ? int(std::min(maxDelay, 86400.0) * 1000) : 0;
    const QJsonObject queueSchema =
        JsonSchema::schemaAt(configSchema(), QStringLiteral("plugins.custom[0].sink_queue"));
    instance.sinkQueue = std::clamp(entry.value(QLatin1String("sink_queue"))
                                        .toInt(queueSchema.value(QLatin1String("default")).toInt()),
                                    queueSchema.value(QLatin1String("minimum")).toInt(1),
                                    queueSchema.value(QLatin1String("maximum")).toInt(1000000));
    const QJsonObject isolationSchema =
        JsonSchema::schemaAt(configSchema(), QStringLiteral("plugins.custom[0].isolation"));
    instance.isolation = InstanceConfig::isolationFromName(
        entry.value(QLatin1String("isolation"))
            .toString(isolationSchema.value(QLatin1String("default")).toString()));
    const QJsonObject rssSchema =
        JsonSchema::schemaAt(configSchema(), QStringLiteral("plugins.custom[0].max_rss_mb"));
    instance.maxRssMb = entry.value(QLatin1String("max_rss_mb"))
                            .toInt(rssSchema.value(QLatin1String("default")).toInt());
}

} // namespace

// Walks the document along the schema: warns about keys the schema does not list (only where
// it lists properties and says nothing about additional ones, i.e. a closed set of keys) and
// drops them, and treats an empty value ("port:" with nothing after it) as "not set" — or as an
// empty map where a map is expected ("ollama:" with every key commented out).
QJsonValue Config::Private::clean(const QJsonObject &schema, const QJsonValue &value,
                                  const QString &path)
{
    if (value.isObject()) {
        const QJsonObject properties = schema.value(QLatin1String("properties")).toObject();
        const QJsonValue additional = schema.value(QLatin1String("additionalProperties"));
        const bool closed = !properties.isEmpty() && additional.isUndefined();
        const QJsonObject in = value.toObject();
        QJsonObject out;
        for (auto it = in.constBegin(); it != in.constEnd(); ++it) {
            const QString childPath = JsonSchema::appendKey(path, it.key());
            QJsonObject childSchema;
            if (properties.contains(it.key())) {
                childSchema = properties.value(it.key()).toObject();
            } else if (additional.isObject()) {
                childSchema = additional.toObject();
            } else if (closed) {
                addAt(
                    Severity::Warning, childPath,
                    Internal::SchemaExplainer::unknownKey(childPath, it.key(), properties.keys()));
                continue;
            } else {
                out.insert(it.key(), it.value()); // an open map: kept as written
                continue;
            }
            QJsonValue child = it.value();
            const QStringList types = Internal::SchemaExplainer::types(childSchema);
            if (child.isNull() && !types.contains(QLatin1String("null"))) {
                if (!types.contains(QLatin1String("object"))) {
                    continue;
                }
                child = QJsonObject();
            }
            out.insert(it.key(), clean(childSchema, child, childPath));
        }
        return out;
    }
    if (value.isArray()) {
        const QJsonObject items = schema.value(QLatin1String("items")).toObject();
        if (items.isEmpty()) {
            return value;
        }
        const QJsonArray in = value.toArray();
        QJsonArray out;
        for (qsizetype i = 0; i < in.size(); ++i) {
            out.append(clean(items, in.at(i), JsonSchema::appendIndex(path, int(i))));
        }
        return out;
    }
    return value;
}

QJsonObject Config::Private::validate(QJsonObject root)
{
    const JsonSchema &schema = compiledSchema();
    if (!schema.isValid()) {
        // A broken built-in schema is a bug in smollama, not in the user's file.
        qCCritical(lcConfig) << "the configuration schema does not compile:"
                             << schema.errorString();
        return root;
    }
    const QList<SchemaError> errors = schema.validate(root);
    QList<QList<Segment>> invalid;
    for (const SchemaError &e : errors) {
        addAt(Severity::Error, e.path, e.message);
        if (e.invalidValue && !e.path.isEmpty()) {
            invalid.append(JsonSchema::splitPath(e.path));
        }
    }
    // Wrong values are reported above; taking them out lets the defaults stand in, so
    // toJson() never hands a string to code that expects a port number.
    QJsonValue cleaned = root;
    for (const QList<Segment> &segments : std::as_const(invalid)) {
        cleaned = removeAt(cleaned, segments);
    }
    return cleaned.toObject();
}

void Config::Private::readInstances(const QJsonObject &root)
{
    if (!hasPlugins) {
        ConfigLocation file;
        file.file = filePath;
        instances.append(impliedBuiltin(QStringLiteral("system"),
                                        QStringLiteral("plugins.builtin.system.config"), file));
        instances.append(impliedBuiltin(QStringLiteral("gpio"), s_gpioConfigPath, file));
        return;
    }

    // One entry of plugins.builtin or plugins.custom, at \a path.
    const auto addInstance = [this](const QString &name, const QString &module, bool isBuiltin,
                                    const QJsonObject &entry, const QString &path) {
        InstanceConfig instance;
        instance.name = name;
        instance.module = module;
        instance.builtin = isBuiltin;
        instance.enabled = entry.value(QLatin1String("enabled")).toBool(true);
        readRetryKeys(entry, instance);
        instance.config = entry.value(QLatin1String("config")).toObject();
        instance.configKeyPath = JsonSchema::appendKey(path, QStringLiteral("config"));
        instance.location = locate(path);
        instances.append(instance);
    };
    const auto invalidName = [this](const QString &path, const QString &name) {
        addAt(Severity::Error, path,
              ConfigTr::tr("invalid instance name '%1': use lower-case letters, digits and "
                           "'_', starting with a letter (%2)")
                  .arg(name, namePattern()));
    };

    const QJsonObject plugins = root.value(QLatin1String("plugins")).toObject();
    const QJsonObject builtin = plugins.value(QLatin1String("builtin")).toObject();
    const QString builtinPath = QStringLiteral("plugins.builtin");
    QStringList names = builtin.keys();
    // QJsonObject sorts its keys; the file's order is the order of their places.
    std::stable_sort(names.begin(), names.end(), [&](const QString &a, const QString &b) {
        return locationLess(locate(JsonSchema::appendKey(builtinPath, a)),
                            locate(JsonSchema::appendKey(builtinPath, b)));
    });
    for (const QString &name : std::as_const(names)) {
        const QString path = JsonSchema::appendKey(builtinPath, name);
        if (!isValidName(name)) {
            invalidName(path, name);
            continue;
        }
        addInstance(name, name, true, builtin.value(name).toObject(), path);
    }

    const QJsonArray custom = plugins.value(QLatin1String("custom")).toArray();
    for (qsizetype i = 0; i < custom.size(); ++i) {
        const QString path = JsonSchema::appendIndex(QStringLiteral("plugins.custom"), int(i));
        if (!custom.at(i).isObject()) {
            continue; // reported by the schema
        }
        const QJsonObject entry = custom.at(i).toObject();
        if (!entry.value(QLatin1String("name")).isString()) {
            continue; // missing or not a string: reported by the schema
        }
        const QString name = entry.value(QLatin1String("name")).toString();
        const QString namePath = JsonSchema::appendKey(path, QStringLiteral("name"));
        bool ok = true;
        if (!isValidName(name)) {
            invalidName(namePath, name);
            ok = false;
        }
        // The Python smollama's custom entries had no module: the name was the plugin.
        QString module = entry.value(QLatin1String("module")).toString();
        if (!entry.contains(QLatin1String("module"))) {
            module = name;
        } else if (!isValidName(module)) {
            addAt(Severity::Error, JsonSchema::appendKey(path, QStringLiteral("module")),
                  ConfigTr::tr("invalid plugin name '%1': plugin names use lower-case letters, "
                               "digits and '_', starting with a letter (%2)")
                      .arg(module, namePattern()));
            ok = false;
        }
        if (!ok) {
            continue;
        }
        addInstance(name, module, false, entry, path);
    }
}

} // namespace Smollama
