// SPDX-License-Identifier: GPL-3.0-or-later
// The earlier Python smollama's format: sections without a counterpart, the gpio plugin's
// "mock", the top-level gpio and mqtt sections. Each migration says what it did (infos).
#include "config_p.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Smollama {

using namespace Internal;

namespace {

// Sections of the earlier Python smollama that this version has no counterpart for. They are
// reported once and ignored, so an old config.yaml still starts.
const char *const s_unsupportedSections[] = {"memory", "frames",    "sync",
                                             "mem0",   "discovery", "cluster"};

// Keys of the Python smollama's agent section that mean nothing here (edge mode pushed readings
// over MQTT).
const char *const s_ignoredAgentKeys[] = {"mode", "edge_publish_interval_seconds",
                                          "edge_include_metadata"};

} // namespace

namespace Internal {

LegacyMqtt LegacyMqtt::map(const QJsonObject &section, const QString &node,
                           const QJsonObject &agent)
{
    LegacyMqtt out;
    const auto take = [&](const QJsonValue &value, const QString &from, const QString &to) {
        out.config.insert(to, value);
        out.moved.append({from, to});
    };
    const QJsonValue broker = section.value(QLatin1String("broker"));
    if (broker.isString() && !broker.toString().isEmpty()) {
        take(broker, QStringLiteral("mqtt.broker"), QStringLiteral("host"));
    }
    const QJsonValue port = section.value(QLatin1String("port"));
    if (port.isDouble()) {
        take(port, QStringLiteral("mqtt.port"), QStringLiteral("port"));
    }
    const QJsonValue username = section.value(QLatin1String("username"));
    if (username.isString() && !username.toString().isEmpty()) {
        take(username, QStringLiteral("mqtt.username"), QStringLiteral("username"));
    }
    out.password = section.value(QLatin1String("password")).isString() &&
                   !section.value(QLatin1String("password")).toString().isEmpty();

    // The Python node published on <publish_prefix>/readings, the prefix being <base>/<node>;
    // this one builds <base_topic>/<node>/... from its own name.
    const QJsonObject topics = section.value(QLatin1String("topics")).toObject();
    QString prefix = topics.value(QLatin1String("publish_prefix")).toString();
    while (prefix.endsWith(QLatin1Char('/'))) {
        prefix.chop(1);
    }
    QString base = QStringLiteral("smollama");
    const int slash = prefix.lastIndexOf(QLatin1Char('/'));
    if (slash > 0) {
        base = prefix.left(slash);
        const QString prefixNode = prefix.mid(slash + 1);
        if (prefixNode != node) {
            out.prefixNode = prefixNode;
        }
        if (!base.contains(QLatin1Char('+')) && !base.contains(QLatin1Char('#'))) {
            take(base, QStringLiteral("mqtt.topics.publish_prefix"), QStringLiteral("base_topic"));
        }
    }

    const QJsonValue interval = agent.value(QLatin1String("edge_publish_interval_seconds"));
    if (interval.isDouble() && interval.toDouble() >= 0) {
        take(interval, QStringLiteral("agent.edge_publish_interval_seconds"),
             QStringLiteral("snapshot_interval_s"));
    }

    const QString broadcast = base + QStringLiteral("/broadcast");
    for (const QJsonValue &v : topics.value(QLatin1String("subscribe")).toArray()) {
        const QString topic = v.toString();
        if (topic == broadcast || topic.endsWith(QLatin1String("/ask")) ||
            topic == base + QStringLiteral("/#")) {
            out.questions = true;
        }
    }
    return out;
}

} // namespace Internal

QJsonObject Config::Private::dropUnsupported(QJsonObject root)
{
    for (const char *section : s_unsupportedSections) {
        const QString name = QString::fromLatin1(section);
        if (root.contains(name)) {
            root.remove(name);
            addAt(Severity::Info, name,
                  ConfigTr::tr("section '%1' is not supported by this version and is ignored")
                      .arg(name));
        }
    }
    QJsonObject agent = root.value(QLatin1String("agent")).toObject();
    bool agentChanged = false;
    for (const char *key : s_ignoredAgentKeys) {
        const QString name = QString::fromLatin1(key);
        if (agent.contains(name)) {
            agent.remove(name);
            agentChanged = true;
            if (legacyMqtt && name == QLatin1String("edge_publish_interval_seconds")) {
                continue; // the mqtt section's migration takes it (snapshot_interval_s)
            }
            const QString path = JsonSchema::appendKey(QStringLiteral("agent"), name);
            addAt(Severity::Info, path,
                  ConfigTr::tr("key '%1' is from the earlier smollama and is ignored by this "
                               "version")
                      .arg(path));
        }
    }
    if (agentChanged) {
        root.insert(QStringLiteral("agent"), agent);
    }
    return root;
}

// The Python smollama's gpio plugin took "mock: true"; this one selects a backend.
void Config::Private::convertGpioMock()
{
    InstanceConfig *gpio = findBuiltin(QStringLiteral("gpio"));
    if (!gpio || !gpio->config.contains(QLatin1String("mock"))) {
        return;
    }
    const QString mockPath = JsonSchema::appendKey(gpio->configKeyPath, QStringLiteral("mock"));
    const QJsonValue mock = gpio->config.value(QLatin1String("mock"));
    if (!mock.isBool()) {
        return; // left for the gpio plugin's schema to report
    }
    gpio->config.remove(QStringLiteral("mock"));
    if (mock.toBool() && !gpio->config.contains(QLatin1String("backend"))) {
        gpio->config.insert(QStringLiteral("backend"), QStringLiteral("sim"));
        locations.insert(JsonSchema::appendKey(gpio->configKeyPath, QStringLiteral("backend")),
                         locate(mockPath));
        addAt(Severity::Info, mockPath,
              ConfigTr::tr("'mock: true' is the earlier smollama's setting and now means "
                           "'backend: sim'; write that instead"));
    } else {
        addAt(Severity::Info, mockPath,
              ConfigTr::tr("'mock' is the earlier smollama's setting and is ignored; the gpio "
                           "plugin's 'backend' chooses real or simulated pins"));
    }
}

void Config::Private::addLegacyGpioLocations(const QString &from)
{
    // The gpio plugin reports errors in "plugins.builtin.gpio.config.pins[1].mode"; make
    // locate() find them where the pins really are.
    const QString to = JsonSchema::appendKey(s_gpioConfigPath, QStringLiteral("pins"));
    const QList<QString> keys = locations.keys();
    for (const QString &key : keys) {
        if (key == from || key.startsWith(from + QLatin1Char('[')) ||
            key.startsWith(from + QLatin1Char('.'))) {
            const QString alias = to + key.mid(from.size());
            if (!locations.contains(alias)) {
                locations.insert(alias, locations.value(key));
            }
        }
    }
}

void Config::Private::migrateLegacyGpio(const QJsonValue &gpio)
{
    const QString section = QStringLiteral("gpio");
    const QString target = JsonSchema::appendKey(s_gpioConfigPath, QStringLiteral("pins"));
    QJsonArray pins;
    QString pinsPath;
    bool mock = false;
    if (gpio.isArray()) {
        pins = gpio.toArray();
        pinsPath = section;
    } else if (gpio.isObject()) {
        pins = gpio.toObject().value(QLatin1String("pins")).toArray();
        pinsPath = QStringLiteral("gpio.pins");
        mock = gpio.toObject().value(QLatin1String("mock")).toBool(false);
    } else {
        return;
    }

    InstanceConfig *instance = findBuiltin(QStringLiteral("gpio"));
    if (!instance) {
        if (pins.isEmpty()) {
            addAt(Severity::Info, section,
                  ConfigTr::tr("the top-level 'gpio' section is the earlier smollama's format "
                               "and lists no pins; it is ignored"));
            return;
        }
        // A plugins: section without the gpio plugin, but pins in the old place: the pins
        // say that the gpio plugin is wanted.
        instances.append(impliedBuiltin(QStringLiteral("gpio"), s_gpioConfigPath, locate(section)));
        instance = &instances.last();
    }
    if (!instance->location.line) {
        instance->location = locate(section);
    }

    const QJsonArray current = instance->config.value(QLatin1String("pins")).toArray();
    if (!current.isEmpty() && !pins.isEmpty()) {
        if (current == pins) {
            addAt(Severity::Info, section,
                  ConfigTr::tr("the top-level 'gpio' section repeats %1 and is ignored; you "
                               "can delete it")
                      .arg(target));
        } else {
            addAt(Severity::Warning, section,
                  ConfigTr::tr("the top-level 'gpio' section (the earlier smollama's format) "
                               "is ignored because %1 is set; move what you need there and "
                               "delete it")
                      .arg(target));
        }
        return;
    }

    // Errors about the gpio instance's config point at the old section.
    for (const QString &path : {QStringLiteral("plugins.builtin.gpio"), s_gpioConfigPath}) {
        if (!locations.contains(path)) {
            locations.insert(path, locate(section));
        }
    }
    QStringList done;
    if (!pins.isEmpty()) {
        instance->config.insert(QStringLiteral("pins"), pins);
        addLegacyGpioLocations(pinsPath);
        done.append(
            pins.size() == 1
                ? ConfigTr::tr("its pin now belongs under %1").arg(target)
                : ConfigTr::tr("its %1 pins now belong under %2").arg(pins.size()).arg(target));
    }
    if (mock && !instance->config.contains(QLatin1String("backend"))) {
        instance->config.insert(QStringLiteral("backend"), QStringLiteral("sim"));
        done.append(ConfigTr::tr("'mock: true' became %1.backend: sim").arg(s_gpioConfigPath));
    }
    if (done.isEmpty()) {
        addAt(Severity::Info, section,
              ConfigTr::tr("the top-level 'gpio' section is the earlier smollama's format and "
                           "has nothing to migrate; it is ignored"));
        return;
    }
    addAt(Severity::Info, section,
          ConfigTr::tr("the top-level 'gpio' section (the earlier smollama's format) was "
                       "migrated: %1; move it there")
              .arg(done.join(ConfigTr::tr(", and "))));
}

void Config::Private::migrateLegacyMqtt(const QJsonValue &mqtt, const QJsonObject &agent,
                                        const QString &node)
{
    const QString section = QStringLiteral("mqtt");
    const QString target = QStringLiteral("plugins.builtin.mqtt.config");
    if (!mqtt.isObject()) {
        addAt(Severity::Info, section,
              ConfigTr::tr("the top-level 'mqtt' section is the earlier smollama's format but "
                           "not a map of settings; it is ignored"));
        return;
    }
    // An mqtt plugin configured the new way wins.
    for (const InstanceConfig &instance : std::as_const(instances)) {
        if (instance.module == QLatin1String("mqtt") &&
            (!instance.builtin || !instance.config.isEmpty())) {
            addAt(Severity::Info, section,
                  ConfigTr::tr("the top-level 'mqtt' section (the earlier smollama's format) is "
                               "ignored because %1 is set; you can delete it")
                      .arg(instance.configKeyPath));
            return;
        }
    }
    const Internal::LegacyMqtt mapped = Internal::LegacyMqtt::map(mqtt.toObject(), node, agent);
    InstanceConfig *instance = findBuiltin(QStringLiteral("mqtt"));
    if (!instance) {
        // The section says the node is part of a fleet: the mqtt plugin is wanted.
        instances.append(impliedBuiltin(QStringLiteral("mqtt"), target, locate(section)));
        instance = &instances.last();
    }
    instance->config = mapped.config;
    // Errors about the mqtt instance's config point at the old keys.
    for (const QString &path : {QStringLiteral("plugins.builtin.mqtt"), target}) {
        if (!locations.contains(path)) {
            locations.insert(path, locate(section));
        }
    }
    QStringList moved;
    for (const auto &[from, to] : mapped.moved) {
        moved.append(QStringLiteral("%1 → %2").arg(from, to));
        locations.insert(JsonSchema::appendKey(target, to), locate(from));
    }
    QString text =
        ConfigTr::tr("the top-level 'mqtt' section (the earlier smollama's format) now "
                     "configures the builtin mqtt plugin (%1); write it as %2: %3")
            .arg(moved.isEmpty() ? ConfigTr::tr("with its defaults")
                                 : moved.join(QLatin1String(", ")),
                 target,
                 QString::fromUtf8(QJsonDocument(mapped.config).toJson(QJsonDocument::Compact)));
    if (mapped.password) {
        text += QLatin1String(". ") +
                ConfigTr::tr("The password is not taken from the configuration: write it to a file "
                             "readable by smollama only and set password_file");
    }
    if (!mapped.prefixNode.isEmpty()) {
        text += QLatin1String(". ") +
                ConfigTr::tr("Its topics use this node's name '%1' (node.name), not '%2' of "
                             "publish_prefix")
                    .arg(node, mapped.prefixNode);
    }
    if (mapped.questions) {
        text += QLatin1String(". ") +
                ConfigTr::tr("It answered questions sent to the fleet; set answer_questions: true "
                             "for that");
    }
    addAt(Severity::Info, section, text);
}

} // namespace Smollama
