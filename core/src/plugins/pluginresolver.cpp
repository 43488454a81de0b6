// SPDX-License-Identifier: GPL-3.0-or-later
#include "pluginresolver.h"
#include "plugininstance_p.h"

#include "config/config.h"
#include "crashguard.h"
#include "plugindiscovery.h"
#include "pluginslog.h"
#include "util/jsonschema.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>

#include <algorithm>

namespace Smollama {

namespace {

// The translation context of this file's messages (docs/translations.md): the manager's.
class PluginResolverTr
{
    Q_DECLARE_TR_FUNCTIONS(PluginManager)
};

QString locationText(const ConfigLocation &loc)
{
    if (loc.file.isEmpty()) {
        return {};
    }
    QString text = loc.file;
    if (loc.line > 0) {
        text += QLatin1Char(':') + QString::number(loc.line);
        if (loc.column > 0) {
            text += QLatin1Char(':') + QString::number(loc.column);
        }
    }
    return text;
}

} // namespace

void PluginResolver::setCrashGuard(CrashGuard *guard, bool crashCheck)
{
    m_guard = guard;
    m_crashCheck = crashCheck;
}

void PluginResolver::setSafeMode(const QString &reason)
{
    m_safeModeReason = reason;
}

QString PluginResolver::safeModeReason() const
{
    return m_safeModeReason;
}

void PluginResolver::setLoadOverrides(const QStringList &noload, const QStringList &load)
{
    m_noload = noload;
    m_load = load;
}

bool PluginResolver::isForced(const PluginInstance &inst) const
{
    return m_load.contains(inst.d->name) || m_load.contains(inst.d->module);
}

PluginResolver::Resolution PluginResolver::resolve(const Config &configuration,
                                                   const PluginDiscovery &discovery) const
{
    Resolution resolution;

    QHash<QString, PluginInstance *> byName;
    QSet<const PluginSpec *> used;
    const QList<InstanceConfig> declared = configuration.instances();
    QList<InstanceConfig> all = declared;

    if (!configuration.hasPluginsSection()) {
        // No plugins: section (no file, or the Python smollama's format): every builtin runs
        // with its defaults.
        QSet<QString> named;
        for (const InstanceConfig &ic : declared) {
            named.insert(ic.name);
        }
        for (const auto &spec : discovery.specs()) {
            if (spec->builtin && spec->state == PluginState::Enabled &&
                !named.contains(spec->metadata.name())) {
                InstanceConfig ic;
                ic.name = ic.module = spec->metadata.name();
                ic.builtin = true;
                ic.enabled = true;
                all.append(ic);
                named.insert(ic.name);
            }
        }
    }

    const QHash<QString, QString> blocked =
        (m_guard && m_crashCheck) ? m_guard->blocked() : QHash<QString, QString>();
    // Why --noload, safe mode or a crash keep an instance from loading; empty when nothing does.
    const auto overrideReason = [&](const PluginInstance &inst, const InstanceConfig &ic) {
        if (isForced(inst)) {
            return QString();
        }
        for (const QString &n : std::as_const(m_noload)) {
            if (n == inst.d->name || n == inst.d->module || n == QLatin1String("all")) {
                return PluginResolverTr::tr("not loaded: started with --noload %1").arg(n);
            }
        }
        const bool builtin = inst.d->spec ? inst.d->spec->builtin : ic.builtin;
        if (!m_safeModeReason.isEmpty() && !builtin) {
            return PluginResolverTr::tr(
                       "safe mode: only builtin plugins run (%1); start with --load "
                       "%2 to load it anyway")
                .arg(m_safeModeReason, inst.d->name);
        }
        if (ic.enabled && blocked.contains(inst.d->name)) {
            return blocked.value(inst.d->name);
        }
        return QString();
    };
    for (const InstanceConfig &ic : std::as_const(all)) {
        const QString module = ic.module.isEmpty() ? ic.name : ic.module;
        if (!configuration.hasPluginsSection() && ic.builtin && ic.config.isEmpty() &&
            !discovery.findSpec(module)) {
            // An implicit builtin (no plugins: section) that this build does not have, e.g.
            // gpio built with SMOLLAMA_WITH_GPIO=OFF: nothing was asked for, nothing is missing.
            continue;
        }
        auto inst = std::make_unique<PluginInstance>();
        inst->d->name = ic.name;
        inst->d->module = ic.module.isEmpty() ? ic.name : ic.module;
        inst->d->declared = ic;
        inst->d->spec = discovery.findSpec(inst->d->module);
        if (!inst->d->spec) {
            // A library that is no (usable) plugin but is named for the module: its own reason.
            inst->d->spec = discovery.findUnusableLibrary(inst->d->module);
        }
        if (inst->d->spec) {
            used.insert(inst->d->spec);
        }
        const QString where = locationText(ic.location);
        const QString keyPath = ic.configKeyPath.section(QLatin1Char('.'), 0, -2);

        if (PluginInstance *first = byName.value(inst->d->name)) {
            inst->d->state = PluginState::Conflict;
            inst->d->reason =
                PluginResolverTr::tr("instance name '%1' is already used by %2%3; rename "
                                     "one of them")
                    .arg(inst->d->name,
                         first->d->declared.configKeyPath.section(QLatin1Char('.'), 0, -2),
                         locationText(first->d->declared.location).isEmpty()
                             ? QString()
                             : PluginResolverTr::tr(" (%1)").arg(
                                   locationText(first->d->declared.location)));
        } else if (const QString why = overrideReason(*inst, ic); !why.isEmpty()) {
            inst->d->state = blocked.contains(inst->d->name) && why == blocked.value(inst->d->name)
                                 ? PluginState::Failed
                                 : PluginState::Disabled;
            inst->d->reason = why;
        } else if (!ic.enabled && !isForced(*inst)) {
            inst->d->state = PluginState::Disabled;
            inst->d->reason =
                PluginResolverTr::tr("disabled in the configuration (%1.enabled: false)")
                    .arg(keyPath.isEmpty() ? inst->d->name : keyPath);
            if (!inst->d->spec) {
                inst->d->reason += PluginResolverTr::tr("; no plugin named '%1' is installed")
                                       .arg(inst->d->module);
            }
        } else if (!inst->d->spec) {
            inst->d->state = PluginState::Failed;
            const QString searched = discovery.searchPaths(configuration).join(QLatin1String(", "));
            // A hardware plugin of smollama itself: the Debian packages ship each separately.
            inst->d->reason =
                ic.builtin
                    ? PluginResolverTr::tr("the builtin plugin '%1' is not installed (searched "
                                           "%2): install the package smollama-plugin-%1 (sudo "
                                           "apt install smollama-plugin-%1), or set %3.enabled: "
                                           "false")
                          .arg(inst->d->module, searched,
                               keyPath.isEmpty() ? inst->d->name : keyPath)
                    : PluginResolverTr::tr("no plugin named '%1' was found (searched %2); install "
                                           "it with `smollama-cli plugin install`, or fix the "
                                           "module name%3")
                          .arg(inst->d->module, searched,
                               where.isEmpty() ? QString()
                                               : PluginResolverTr::tr(" at %1").arg(where));
        } else if (inst->d->spec->state != PluginState::Enabled) {
            inst->d->state = inst->d->spec->state;
            inst->d->reason = inst->d->spec->metadata.name() == inst->d->module
                                  ? inst->d->spec->reason
                                  : PluginResolverTr::tr("%1 is not a usable smollama plugin: %2")
                                        .arg(inst->d->spec->path, inst->d->spec->reason);
        } else {
            const QJsonObject schema = inst->d->spec->metadata.configSchema();
            QJsonObject config = ic.config;
            if (!schema.isEmpty()) {
                config = JsonSchema::applyDefaults(schema, config).toObject();
                const QList<SchemaError> errors =
                    (inst->d->spec->configSchema.isValid() ? inst->d->spec->configSchema
                                                           : JsonSchema(schema))
                        .validate(config);
                if (!errors.isEmpty()) {
                    QStringList texts;
                    for (const SchemaError &e : errors) {
                        const QString key = JsonSchema::appendKey(ic.configKeyPath, e.path);
                        const QString at = locationText(configuration.locate(key));
                        QString text = QStringLiteral("%1: %2").arg(
                            key.isEmpty() ? QStringLiteral("config") : key, e.message);
                        if (!at.isEmpty()) {
                            text += QStringLiteral(" (%1)").arg(at);
                        }
                        texts.append(text);
                        qCCritical(lcPlugins,
                                   "Invalid configuration for instance '%s' of plugin "
                                   "'%s': %s",
                                   qPrintable(inst->d->name), qPrintable(inst->d->module),
                                   qPrintable(text));
                    }
                    inst->d->state = PluginState::InvalidConfig;
                    inst->d->reason = texts.join(QLatin1String("; "));
                }
            }
            inst->d->config = config;
        }
        if (inst->d->state != PluginState::Enabled && inst->d->state != PluginState::Disabled) {
            qCDebug(lcPlugins, "Skipping plugin %s: %s", qPrintable(inst->d->name),
                    qPrintable(inst->d->reason));
        }
        if (!byName.contains(inst->d->name)) {
            byName.insert(inst->d->name, inst.get());
        }
        resolution.instances.push_back(std::move(inst));
    }

    std::stable_sort(resolution.instances.begin(), resolution.instances.end(),
                     [](const auto &a, const auto &b) { return a->d->name < b->d->name; });

    for (const auto &spec : discovery.specs()) {
        if (used.contains(spec.get())) {
            continue;
        }
        PluginInstance row;
        row.d->module = spec->metadata.name();
        row.d->spec = spec.get();
        row.d->state = spec->state;
        row.d->reason = spec->reason;
        if (spec->state == PluginState::Enabled) {
            row.d->state = PluginState::Disabled;
            row.d->reason =
                spec->builtin ? PluginResolverTr::tr("not enabled in the configuration: add "
                                                     "plugins.builtin.%1: {enabled: true}")
                                    .arg(row.d->module)
                              : PluginResolverTr::tr("installed but not configured: add {name: %1, "
                                                     "module: %1} to plugins.custom")
                                    .arg(row.d->module);
        }
        resolution.unusedSpecRows.append(row.status());
    }
    return resolution;
}

} // namespace Smollama
