// SPDX-License-Identifier: GPL-3.0-or-later
#include "pluginmanager.h"

#include "crashguard.h"
#include "crashnote.h"
#include "fleet/remoteduplicates.h"
#include "instancecalls_p.h"
#include "manifestcache.h"
#include "manifestvalidator.h"
#include "readings/publishlimiter.h"
#include "util/jsonschema.h"
#include "util/statepaths.h"

#include <smollama/plugin.h>
#include <smollama/plugincontext.h>
#include <smollama/pluginfactory.h>
#include <smollama/readingprovider.h>
#include <smollama/readingsink.h>
#include <smollama/toolprovider.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QLoggingCategory>
#include <QMutex>
#include <QPluginLoader>
#include <QPointer>
#include <QRegularExpression>
#include <QSemaphore>
#include <QSet>
#include <QThread>
#include <QTime>
#include <QTimer>

#include <cxxabi.h>

#include <algorithm>
#include <atomic>
#include <climits>
#include <cstdlib>
#include <exception>
#include <typeinfo>

Q_LOGGING_CATEGORY(lcPlugins, "smollama.plugins")

namespace Smollama {

namespace {

// The translation context of this file's messages (docs/translations.md).
class PluginManagerTr
{
    Q_DECLARE_TR_FUNCTIONS(PluginManager)
};

// Says (at most every 10 s) that an instance publishes more than its limit.
void reportDropped(const QString &instance, PublishLimiter &limiter)
{
    if (const qint64 dropped = limiter.takeDroppedReport()) {
        qCWarning(lcPlugins, "%s",
                  qPrintable(PluginManagerTr::tr(
                                 "Plugin instance %1 publishes more than %2 readings/s; %n "
                                 "reading(s) dropped since the last report (limit: "
                                 "readings.max_readings_per_s)",
                                 nullptr, int(std::min<qint64>(dropped, INT_MAX)))
                                 .arg(instance)
                                 .arg(limiter.perSecond())));
    }
}

class InstanceContext : public PluginContext
{
public:
    InstanceContext(PluginManager *manager, PluginInstance *instance,
                    std::shared_ptr<RemoteDuplicates> duplicates)
        : m_manager(manager)
        , m_name(instance->name)
        , m_metadata(instance->spec ? instance->spec->metadata : PluginMetadata())
        , m_config(instance->config)
        , m_nodeName(manager->hostServices().nodeName)
        , m_limiter(instance->limiter)
        , m_remoteLimiter(instance->remoteLimiter)
        , m_duplicates(std::move(duplicates))
    {
    }

    QString instanceName() const override { return m_name; }
    PluginMetadata metadata() const override { return m_metadata; }
    QJsonObject config() const override { return m_config; }
    QString nodeName() const override { return m_nodeName; }

    void setDegraded(const QString &reason) override
    {
        QPointer<PluginManager> manager(m_manager);
        QMetaObject::invokeMethod(
            m_manager,
            [manager, name = m_name, reason] {
                if (manager) {
                    manager->setReportedHealth(name, reason);
                }
            },
            Qt::AutoConnection);
    }

    void updateNode(const QString &node, const QJsonObject &facts) override
    {
        Q_EMIT m_manager->nodeUpdated(m_name, node, facts);
    }

    void callTool(const QString &name, const QJsonObject &arguments, QObject *receiver,
                  std::function<void(const ToolResult &)> done) override
    {
        // The registry lives on the manager's thread; the answer goes back to the receiver's.
        QPointer<QObject> target(receiver);
        QPointer<PluginManager> manager(m_manager);
        auto answer = [target, done](const ToolResult &result) {
            if (!target || !done) {
                return;
            }
            QMetaObject::invokeMethod(
                target.data(),
                [target, done, result] {
                    if (target) {
                        done(result);
                    }
                },
                Qt::AutoConnection);
        };
        QMetaObject::invokeMethod(
            m_manager,
            [manager, name, arguments, answer] {
                if (!manager || !manager->hostServices().callTool) {
                    answer(ToolResult::error(
                        PluginManagerTr::tr("%1: the node offers no tools here").arg(name)));
                    return;
                }
                manager->hostServices().callTool(name, arguments, manager, answer);
            },
            Qt::AutoConnection);
    }

    void ask(const QString &question, QObject *receiver,
             std::function<void(const QString &, const QString &)> done) override
    {
        QPointer<QObject> target(receiver);
        QPointer<PluginManager> manager(m_manager);
        auto answer = [target, done](const QString &text, const QString &error) {
            if (!target || !done) {
                return;
            }
            QMetaObject::invokeMethod(
                target.data(),
                [target, done, text, error] {
                    if (target) {
                        done(text, error);
                    }
                },
                Qt::AutoConnection);
        };
        QMetaObject::invokeMethod(
            m_manager,
            [manager, question, answer] {
                if (!manager || !manager->hostServices().ask) {
                    answer(QString(), PluginManagerTr::tr("this node has no agent"));
                    return;
                }
                manager->hostServices().ask(question, manager, answer);
            },
            Qt::AutoConnection);
    }

    void publish(const Reading &reading) override
    {
        // A reading of another node (a bridge ingests it) keeps its node and its source as
        // that node names it; it is bounded apart from the instance's own readings.
        const bool remote = !reading.node().isEmpty() && reading.node() != m_nodeName;
        if (remote && m_duplicates && !m_duplicates->admit(reading)) {
            return; // a copy of one already taken in (QoS 1, a second broker)
        }
        PublishLimiter *limiter = remote ? m_remoteLimiter.get() : m_limiter.get();
        if (limiter && !limiter->admit()) {
            reportDropped(m_name, *limiter);
            return;
        }
        Reading r = reading;
        if (!remote && !r.source().startsWith(m_name + QLatin1Char(':'))) {
            r.setSource(m_name + QLatin1Char(':') + r.source());
        }
        if (r.node().isEmpty()) {
            r.setNode(m_nodeName);
        }
        // Signals may be emitted from any thread; receivers get it queued.
        Q_EMIT m_manager->readingPublished(r);
    }

private:
    PluginManager *m_manager;
    QString m_name;
    PluginMetadata m_metadata;
    QJsonObject m_config;
    QString m_nodeName;
    std::shared_ptr<PublishLimiter> m_limiter;
    std::shared_ptr<PublishLimiter> m_remoteLimiter;
    std::shared_ptr<RemoteDuplicates> m_duplicates;
};

QString currentExceptionText(const char *what)
{
    try {
        throw;
    } catch (const std::exception &e) {
        return PluginManagerTr::tr("%1 threw an exception: %2")
            .arg(QLatin1String(what), QString::fromLocal8Bit(e.what()));
    } catch (...) {
        return PluginManagerTr::tr("%1 threw an unknown exception").arg(QLatin1String(what));
    }
}

QString demangle(const QString &symbol)
{
    int status = 0;
    char *out = abi::__cxa_demangle(symbol.toLatin1().constData(), nullptr, nullptr, &status);
    QString result = (status == 0 && out) ? QString::fromLatin1(out) : symbol;
    std::free(out);
    return result;
}

// Turns QPluginLoader's dlopen() text into a state and a sentence a person can act on.
std::pair<PluginState, QString> explainLoadError(const QString &error)
{
    static const QRegularExpression missingLib(
        QStringLiteral("([^\\s:()]+): cannot open shared object file"));
    const QRegularExpressionMatch m = missingLib.match(error);
    if (m.hasMatch()) {
        return {PluginState::MissingDependencies,
                PluginManagerTr::tr("needs the shared library %1, which is not installed or not on "
                                    "the library path (install the package that provides it, e.g. "
                                    "find it with: apt-file search %1)")
                    .arg(m.captured(1))};
    }
    static const QRegularExpression undefinedSymbol(QStringLiteral("undefined symbol: (\\S+)"));
    const QRegularExpressionMatch u = undefinedSymbol.match(error);
    if (u.hasMatch()) {
        QString symbol = u.captured(1);
        if (symbol.endsWith(QLatin1Char(')'))) {
            symbol.chop(1);
        }
        return {
            PluginState::Failed,
            PluginManagerTr::tr("cannot be loaded: undefined symbol %1; it was built against "
                                "another version of smollama or of a library it uses: rebuild it")
                .arg(demangle(symbol))};
    }
    return {PluginState::Failed, PluginManagerTr::tr("cannot be loaded: %1").arg(error)};
}

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

QStringList librariesIn(const QString &dir)
{
    QStringList out;
    const QDir d(dir);
    if (!d.exists()) {
        return out;
    }
    const auto addFrom = [&out](const QDir &folder) {
        const QFileInfoList files =
            folder.entryInfoList({QStringLiteral("*.so")}, QDir::Files, QDir::Name);
        for (const QFileInfo &f : files) {
            out.append(f.absoluteFilePath());
        }
    };
    addFrom(d);
    const QFileInfoList subdirs = d.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QFileInfo &sub : subdirs) {
        addFrom(QDir(sub.absoluteFilePath()));
    }
    return out;
}

} // namespace

/*! One setup attempt, shared by its steps and the calls they queue. */
struct PluginManager::SetupCall
{
    bool async = false; //!< nothing waits for it: a retry, or a start that does not wait
    Result outcome;
    // Set when the host stops waiting: a setup() that still succeeds later must undo itself,
    // since the host will never call teardown() for it.
    std::atomic<bool> givenUp{false};
    // What the instance declares after setup().
    QList<SourceInfo> sources;
    QStringList tools;
    QList<PluginInstance::DeclaredTool> toolDetails;
    QString error;
};

PluginSpec::PluginSpec() = default;
PluginSpec::~PluginSpec() = default;
PluginInstance::PluginInstance()
    : callWatch(std::make_shared<CallWatch>())
{
}

PluginInstance::~PluginInstance()
{
    if (pendingCall) {
        QMutexLocker lock(&pendingCall->mutex);
        pendingCall->manager = nullptr;
    }
    // The context and the object die before the spec's library could ever go away.
    context.reset();
    object.reset();
}

PluginStatus PluginInstance::status() const
{
    PluginStatus s;
    s.name = module;
    s.instance = name;
    if (spec) {
        const PluginMetadata &md = spec->metadata;
        s.version = md.version();
        s.author = md.author();
        s.description = md.description();
        s.types = md.types();
        s.dependencies = md.dependencies();
        s.path = spec->path;
        s.builtin = spec->builtin;
    } else {
        s.builtin = declared.builtin;
    }
    s.state = state;
    s.reason = reason;
    if (sinkCounters) {
        s.sinkQueue = sinkCounters->queue;
        s.sinkDelivered = sinkCounters->delivered.load();
        s.sinkDropped = sinkCounters->dropped->load();
    }
    return s;
}

PluginManager::PluginManager(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<Smollama::Reading>();
    qRegisterMetaType<Smollama::PluginStatus>();
    m_builtinDir = defaultBuiltinPluginDir();
    m_remoteDuplicates = std::make_shared<RemoteDuplicates>();
    m_self = std::make_shared<CallLink>();
    m_self->manager = this;
}

PluginManager::~PluginManager()
{
    {
        QMutexLocker lock(&m_self->mutex);
        m_self->manager = nullptr;
    }
    shutdownPlugins();
    m_instances.clear();
    m_specs.clear();
}

QString PluginManager::defaultBuiltinPluginDir()
{
    const QString env = qEnvironmentVariable("SMOLLAMA_BUILTIN_PLUGIN_DIR");
    if (!env.isEmpty()) {
        return env;
    }
    if (QCoreApplication::instance()) {
        const QString nextToBinary =
            QDir::cleanPath(QCoreApplication::applicationDirPath() + QLatin1Char('/') +
                            QLatin1String(SMOLLAMA_BIN_TO_PLUGINS));
        if (QFileInfo::exists(nextToBinary)) {
            return nextToBinary;
        }
    }
    return QStringLiteral(SMOLLAMA_BUILTIN_PLUGIN_DIR);
}

void PluginManager::setBuiltinPluginDir(const QString &dir)
{
    m_builtinDir = dir;
}

void PluginManager::setExtraPluginPaths(const QStringList &dirs)
{
    m_extraPaths = dirs;
}

void PluginManager::setConfig(const Config &config)
{
    m_config = config;
}

const Config &PluginManager::config() const
{
    return m_config;
}

void PluginManager::setCrashGuard(CrashGuard *guard, bool crashCheck)
{
    m_guard = guard;
    m_crashCheck = crashCheck;
}

void PluginManager::setSafeMode(const QString &reason)
{
    m_safeModeReason = reason;
}

QString PluginManager::safeModeReason() const
{
    return m_safeModeReason;
}

void PluginManager::setLoadOverrides(const QStringList &noload, const QStringList &load)
{
    m_noload = noload;
    m_load = load;
}

QStringList PluginManager::searchPaths() const
{
    QStringList paths;
    paths.append(m_builtinDir);
    paths.append(m_config.pluginPaths());
    const QString userDir = StatePaths::pluginsDir();
    paths.append(userDir);
    // Where `smollama-cli plugin install` puts plugins when the configuration moves it.
    const QString installDir = m_config.pluginsInstallDir();
    if (!installDir.isEmpty() && installDir != userDir && !paths.contains(installDir)) {
        paths.append(installDir);
    }
    for (const QString &p : m_extraPaths) {
        paths.append(QFileInfo(p).absoluteFilePath());
    }
    return paths;
}

PluginSpec *PluginManager::findSpec(const QString &name) const
{
    PluginSpec *fallback = nullptr;
    for (const auto &spec : m_specs) {
        if (spec->metadata.name() != name) {
            continue;
        }
        if (spec->state == PluginState::Enabled) {
            return spec.get();
        }
        if (!fallback && spec->state != PluginState::Conflict) {
            fallback = spec.get();
        }
    }
    return fallback;
}

PluginSpec *PluginManager::findUnusableLibrary(const QString &module) const
{
    for (const auto &spec : m_specs) {
        if (spec->state == PluginState::Enabled) {
            continue;
        }
        const QFileInfo file(spec->path);
        QString base = file.completeBaseName();
        if (base.startsWith(QLatin1String("lib"))) {
            base.remove(0, 3);
        }
        if (base == module || base == QLatin1String("smollama_") + module ||
            file.dir().dirName() == module) {
            return spec.get();
        }
    }
    return nullptr;
}

void PluginManager::discover()
{
    // Instances point into the specs: they go first.
    shutdownPlugins();
    m_instances.clear();
    m_unusedSpecRows.clear();
    m_specs.clear();
    QSet<QString> seen;
    const QStringList paths = searchPaths();
    for (int i = 0; i < paths.size(); ++i) {
        const bool builtin = (i == 0);
        const QStringList libraries = librariesIn(paths.at(i));
        for (const QString &library : libraries) {
            const QString canonical = QFileInfo(library).canonicalFilePath();
            if (seen.contains(canonical)) {
                continue;
            }
            seen.insert(canonical);

            auto spec = std::make_unique<PluginSpec>();
            spec->path = library;
            spec->builtin = builtin;
            // Read without loading the library; again only when the file changed.
            const ManifestCache::Entry cached =
                ManifestCache::read(canonical.isEmpty() ? library : canonical);
            spec->metaData = cached.metaData;
            const ManifestValidator::Result &result = cached.validation;
            spec->metadata = PluginMetadata(result.manifest);
            spec->configSchema = result.configSchema;
            if (!result.ok) {
                spec->state = PluginState::Incompatible;
                spec->reason = result.problems.join(QLatin1String("; "));
                if (spec->metadata.name().isEmpty()) {
                    QJsonObject named = result.manifest;
                    named.insert(QLatin1String("name"), QFileInfo(library).completeBaseName());
                    spec->metadata = PluginMetadata(named);
                }
                qCDebug(lcPlugins, "Skipping plugin %s: %s", qPrintable(spec->metadata.name()),
                        qPrintable(spec->reason));
            } else {
                for (const auto &other : m_specs) {
                    if (other->state == PluginState::Enabled &&
                        other->metadata.name() == spec->metadata.name()) {
                        spec->state = PluginState::Conflict;
                        spec->reason =
                            PluginManagerTr::tr("a plugin named '%1' was already found at "
                                                "%2; that one is used, remove one of them")
                                .arg(spec->metadata.name(), other->path);
                        qCWarning(lcPlugins, "Skipping plugin %s at %s: %s",
                                  qPrintable(spec->metadata.name()), qPrintable(library),
                                  qPrintable(spec->reason));
                        break;
                    }
                }
            }
            m_specs.push_back(std::move(spec));
        }
    }
}

void PluginManager::resolve()
{
    shutdownPlugins();
    m_instances.clear();
    m_unusedSpecRows.clear();

    QHash<QString, PluginInstance *> byName;
    QSet<const PluginSpec *> used;
    const QList<InstanceConfig> declared = m_config.instances();
    QList<InstanceConfig> all = declared;

    if (!m_config.hasPluginsSection()) {
        // No plugins: section (no file, or the Python smollama's format): every builtin runs
        // with its defaults.
        QSet<QString> named;
        for (const InstanceConfig &ic : declared) {
            named.insert(ic.name);
        }
        for (const auto &spec : m_specs) {
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
    const auto isForced = [this](const PluginInstance &inst) {
        return m_load.contains(inst.name) || m_load.contains(inst.module);
    };
    // Why --noload, safe mode or a crash keep an instance from loading; empty when nothing does.
    const auto overrideReason = [&](const PluginInstance &inst, const InstanceConfig &ic) {
        if (isForced(inst)) {
            return QString();
        }
        for (const QString &n : std::as_const(m_noload)) {
            if (n == inst.name || n == inst.module || n == QLatin1String("all")) {
                return PluginManagerTr::tr("not loaded: started with --noload %1").arg(n);
            }
        }
        const bool builtin = inst.spec ? inst.spec->builtin : ic.builtin;
        if (!m_safeModeReason.isEmpty() && !builtin) {
            return PluginManagerTr::tr(
                       "safe mode: only builtin plugins run (%1); start with --load "
                       "%2 to load it anyway")
                .arg(m_safeModeReason, inst.name);
        }
        if (ic.enabled && blocked.contains(inst.name)) {
            return blocked.value(inst.name);
        }
        return QString();
    };
    for (const InstanceConfig &ic : std::as_const(all)) {
        const QString module = ic.module.isEmpty() ? ic.name : ic.module;
        if (!m_config.hasPluginsSection() && ic.builtin && ic.config.isEmpty() &&
            !findSpec(module)) {
            // An implicit builtin (no plugins: section) that this build does not have, e.g.
            // gpio built with SMOLLAMA_WITH_GPIO=OFF: nothing was asked for, nothing is missing.
            continue;
        }
        auto inst = std::make_unique<PluginInstance>();
        inst->name = ic.name;
        inst->module = ic.module.isEmpty() ? ic.name : ic.module;
        inst->declared = ic;
        inst->spec = findSpec(inst->module);
        if (!inst->spec) {
            // A library that is no (usable) plugin but is named for the module: its own reason.
            inst->spec = findUnusableLibrary(inst->module);
        }
        if (inst->spec) {
            used.insert(inst->spec);
        }
        const QString where = locationText(ic.location);
        const QString keyPath = ic.configKeyPath.section(QLatin1Char('.'), 0, -2);

        if (PluginInstance *first = byName.value(inst->name)) {
            inst->state = PluginState::Conflict;
            inst->reason =
                PluginManagerTr::tr("instance name '%1' is already used by %2%3; rename "
                                    "one of them")
                    .arg(inst->name, first->declared.configKeyPath.section(QLatin1Char('.'), 0, -2),
                         locationText(first->declared.location).isEmpty()
                             ? QString()
                             : PluginManagerTr::tr(" (%1)").arg(
                                   locationText(first->declared.location)));
        } else if (const QString why = overrideReason(*inst, ic); !why.isEmpty()) {
            inst->state = blocked.contains(inst->name) && why == blocked.value(inst->name)
                              ? PluginState::Failed
                              : PluginState::Disabled;
            inst->reason = why;
        } else if (!ic.enabled && !isForced(*inst)) {
            inst->state = PluginState::Disabled;
            inst->reason = PluginManagerTr::tr("disabled in the configuration (%1.enabled: false)")
                               .arg(keyPath.isEmpty() ? inst->name : keyPath);
            if (!inst->spec) {
                inst->reason +=
                    PluginManagerTr::tr("; no plugin named '%1' is installed").arg(inst->module);
            }
        } else if (!inst->spec) {
            inst->state = PluginState::Failed;
            const QString searched = searchPaths().join(QLatin1String(", "));
            // A hardware plugin of smollama itself: the Debian packages ship each separately.
            inst->reason =
                ic.builtin
                    ? PluginManagerTr::tr("the builtin plugin '%1' is not installed (searched "
                                          "%2): install the package smollama-plugin-%1 (sudo "
                                          "apt install smollama-plugin-%1), or set %3.enabled: "
                                          "false")
                          .arg(inst->module, searched, keyPath.isEmpty() ? inst->name : keyPath)
                    : PluginManagerTr::tr("no plugin named '%1' was found (searched %2); install "
                                          "it with `smollama-cli plugin install`, or fix the "
                                          "module name%3")
                          .arg(inst->module, searched,
                               where.isEmpty() ? QString()
                                               : PluginManagerTr::tr(" at %1").arg(where));
        } else if (inst->spec->state != PluginState::Enabled) {
            inst->state = inst->spec->state;
            inst->reason = inst->spec->metadata.name() == inst->module
                               ? inst->spec->reason
                               : PluginManagerTr::tr("%1 is not a usable smollama plugin: %2")
                                     .arg(inst->spec->path, inst->spec->reason);
        } else {
            const QJsonObject schema = inst->spec->metadata.configSchema();
            QJsonObject config = ic.config;
            if (!schema.isEmpty()) {
                config = JsonSchema::applyDefaults(schema, config).toObject();
                const QList<SchemaError> errors =
                    (inst->spec->configSchema.isValid() ? inst->spec->configSchema
                                                        : JsonSchema(schema))
                        .validate(config);
                if (!errors.isEmpty()) {
                    QStringList texts;
                    for (const SchemaError &e : errors) {
                        const QString key = JsonSchema::appendKey(ic.configKeyPath, e.path);
                        const QString at = locationText(m_config.locate(key));
                        QString text = QStringLiteral("%1: %2").arg(
                            key.isEmpty() ? QStringLiteral("config") : key, e.message);
                        if (!at.isEmpty()) {
                            text += QStringLiteral(" (%1)").arg(at);
                        }
                        texts.append(text);
                        qCCritical(lcPlugins,
                                   "Invalid configuration for instance '%s' of plugin "
                                   "'%s': %s",
                                   qPrintable(inst->name), qPrintable(inst->module),
                                   qPrintable(text));
                    }
                    inst->state = PluginState::InvalidConfig;
                    inst->reason = texts.join(QLatin1String("; "));
                }
            }
            inst->config = config;
        }
        if (inst->state != PluginState::Enabled && inst->state != PluginState::Disabled) {
            qCDebug(lcPlugins, "Skipping plugin %s: %s", qPrintable(inst->name),
                    qPrintable(inst->reason));
        }
        if (!byName.contains(inst->name)) {
            byName.insert(inst->name, inst.get());
        }
        m_instances.push_back(std::move(inst));
    }

    std::stable_sort(m_instances.begin(), m_instances.end(),
                     [](const auto &a, const auto &b) { return a->name < b->name; });

    for (const auto &spec : m_specs) {
        if (used.contains(spec.get())) {
            continue;
        }
        PluginInstance row;
        row.module = spec->metadata.name();
        row.spec = spec.get();
        row.state = spec->state;
        row.reason = spec->reason;
        if (spec->state == PluginState::Enabled) {
            row.state = PluginState::Disabled;
            row.reason = spec->builtin
                             ? PluginManagerTr::tr("not enabled in the configuration: add "
                                                   "plugins.builtin.%1: {enabled: true}")
                                   .arg(row.module)
                             : PluginManagerTr::tr("installed but not configured: add {name: %1, "
                                                   "module: %1} to plugins.custom")
                                   .arg(row.module);
        }
        m_unusedSpecRows.append(row.status());
    }
}

bool PluginManager::ensureLoaded(PluginSpec *spec)
{
    if (spec->loadAttempted) {
        return spec->factory != nullptr;
    }
    spec->loadAttempted = true;
    spec->loader = std::make_unique<QPluginLoader>(spec->path);
    QObject *root = spec->loader->instance();
    if (!root) {
        const auto [state, reason] = explainLoadError(spec->loader->errorString());
        spec->loadState = state;
        spec->loadError = reason;
        qCWarning(lcPlugins, "Plugin %s (%s) %s", qPrintable(spec->metadata.name()),
                  qPrintable(spec->path), qPrintable(reason));
        return false;
    }
    spec->factory = qobject_cast<PluginFactory *>(root);
    if (!spec->factory) {
        spec->loadState = PluginState::Incompatible;
        spec->loadError =
            PluginManagerTr::tr("its root object does not implement %1: declare "
                                "Q_INTERFACES(Smollama::PluginFactory) in the factory")
                .arg(QLatin1String(SMOLLAMA_PLUGIN_FACTORY_IID));
        return false;
    }
    // Its texts in the host's language, from now on (status reasons, tool descriptions).
    spec->translator = PluginTranslator::install(spec->metadata.name(), spec->path);
    return true;
}

bool PluginManager::createObject(PluginInstance *inst)
{
    if (!ensureLoaded(inst->spec)) {
        setState(inst, inst->spec->loadState, inst->spec->loadError);
        return false;
    }
    QObject *object = nullptr;
    try {
        object = inst->spec->factory->create();
    } catch (...) {
        setState(inst, PluginState::Failed, currentExceptionText("the factory's create()"));
        return false;
    }
    if (!object) {
        setState(inst, PluginState::Failed,
                 PluginManagerTr::tr("its factory created no instance (create() returned null)"));
        return false;
    }
    inst->object.reset(object);
    inst->plugin = qobject_cast<Plugin *>(object);
    inst->readingProvider = qobject_cast<ReadingProvider *>(object);
    inst->toolProvider = qobject_cast<ToolProvider *>(object);
    inst->readingSink = qobject_cast<ReadingSink *>(object);
    const PluginMetadata &md = inst->spec->metadata;
    QString missing;
    if (!inst->plugin) {
        missing = QStringLiteral("Smollama::Plugin");
    } else if (md.isSensor() && !inst->readingProvider) {
        missing = PluginManagerTr::tr("Smollama::ReadingProvider (it declares type \"sensor\")");
    } else if (md.isTool() && !inst->toolProvider) {
        missing = PluginManagerTr::tr("Smollama::ToolProvider (it declares type \"tool\")");
    } else if (md.isSink() && !inst->readingSink) {
        missing = PluginManagerTr::tr("Smollama::ReadingSink (it declares type \"sink\")");
    }
    if (!missing.isEmpty()) {
        inst->plugin = nullptr;
        inst->readingProvider = nullptr;
        inst->toolProvider = nullptr;
        inst->readingSink = nullptr;
        inst->object.reset();
        setState(inst, PluginState::Incompatible,
                 PluginManagerTr::tr("its instance object does not implement %1: add it to "
                                     "Q_INTERFACES")
                     .arg(missing));
        return false;
    }
    return true;
}

void PluginManager::checkDependencies()
{
    for (const auto &inst : m_instances) {
        if (inst->state != PluginState::Enabled || !inst->spec) {
            continue;
        }
        Result result;
        {
            const CrashNote::Subject *subject = CrashNote::subject(inst->name);
            const CrashNote::Scope scope(subject, CrashNote::Phase::Load);
            if (inst->object || createObject(inst.get())) {
                // The type of its object is defined in the plugin's library: the library's code
                // is the instance's, also when it runs on a thread the plugin started itself.
                const QObject &object = *inst->object;
                CrashNote::claimCode(subject, &typeid(object));
                try {
                    result = inst->plugin->checkDependencies(inst->config);
                } catch (...) {
                    result = Result::error(currentExceptionText("checkDependencies()"));
                }
            }
        }
        if (!inst->plugin) {
            continue; // createObject() set the state
        }
        if (result.code() == Result::Code::InvalidConfig) {
            qCCritical(lcPlugins, "Invalid configuration for instance '%s' of plugin '%s': %s",
                       qPrintable(inst->name), qPrintable(inst->module),
                       qPrintable(result.message()));
            setState(inst.get(), PluginState::InvalidConfig, result.message());
        } else if (!result.isOk()) {
            setState(inst.get(), PluginState::MissingDependencies, result.message());
            qCDebug(lcPlugins, "Skipping plugin %s: %s", qPrintable(inst->name),
                    qPrintable(result.message()));
        }
    }
}

void PluginManager::prepare()
{
    discover();
    resolve();
    checkDependencies();
}

void PluginManager::initializePlugins(bool wait)
{
    m_retriesStopped = false;
    for (const auto &inst : m_instances) {
        if (inst->state != PluginState::Enabled || !inst->plugin || inst->setUp) {
            continue;
        }
        if (!wait) {
            setState(inst.get(), PluginState::Enabled,
                     PluginManagerTr::tr("setting up since %1")
                         .arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss"))));
        }
        setupInstance(inst.get(), !wait);
    }
}

bool PluginManager::setupsPending() const
{
    return std::any_of(m_instances.cbegin(), m_instances.cend(),
                       [](const auto &inst) { return inst->pendingCall != nullptr; });
}

void PluginManager::setupInstance(PluginInstance *inst, bool async)
{
    {
        if (!inst->limiter) {
            const int rate = m_config.section(QStringLiteral("readings"))
                                 .value(QLatin1String("max_readings_per_s"))
                                 .toInt();
            inst->limiter = std::make_shared<PublishLimiter>(rate);
            const int remoteRate = m_config.section(QStringLiteral("readings"))
                                       .value(QLatin1String("max_remote_readings_per_s"))
                                       .toInt();
            inst->remoteLimiter = std::make_shared<PublishLimiter>(remoteRate);
        }
        if (!inst->context) {
            // Kept across setup attempts: a plugin may hold on to it.
            inst->context = std::make_unique<InstanceContext>(this, inst, m_remoteDuplicates);
        }
        inst->thread = std::make_unique<QThread>();
        inst->thread->setObjectName(QStringLiteral("smollama:") + inst->name);
        inst->thread->start();
        inst->object->moveToThread(inst->thread.get());

        auto call = std::make_shared<SetupCall>();
        call->async = async;
        Plugin *plugin = inst->plugin;
        PluginContext *context = inst->context.get();
        const QJsonObject config = inst->config;
        const CrashNote::Subject *subject = CrashNote::subject(inst->name);
        callPlugin(
            inst, async,
            [call, plugin, context, config, subject] {
                const CrashNote::Scope scope(subject, CrashNote::Phase::Setup);
                Result *outcome = &call->outcome;
                try {
                    *outcome = plugin->setup(config, context);
                } catch (...) {
                    *outcome = Result::error(currentExceptionText("setup()"));
                }
                if (call->givenUp.load() && outcome->isOk()) {
                    try {
                        plugin->teardown();
                    } catch (...) {
                    }
                }
            },
            m_setupTimeoutMs,
            [this, inst, call](bool finished) { setupAnswered(inst, call, finished); });
    }
}

void PluginManager::setupAnswered(PluginInstance *inst, const std::shared_ptr<SetupCall> &call,
                                  bool finished)
{
    {
        const Result *outcome = &call->outcome;
        if (!finished && call->async && m_stopping) {
            // Stopping while this retry's setup() runs and it did not return in its share of
            // the stop time: left behind like a teardown() that does not return.
            call->givenUp.store(true);
            stopThread(inst, false);
            return;
        }
        Result result = finished
                            ? *outcome
                            : Result::error(PluginManagerTr::tr("setup() did not finish within "
                                                                "%1 s; the instance was given up")
                                                .arg(m_setupTimeoutMs / 1000.0));
        if (!finished) {
            call->givenUp.store(true);
            stopThread(inst, false);
        }
        if (!result.isOk()) {
            const QString reason = result.code() == Result::Code::NotReady
                                       ? PluginManagerTr::tr("not ready: %1").arg(result.message())
                                       : result.message();
            qCWarning(lcPlugins, "Plugin instance %s failed to set up: %s", qPrintable(inst->name),
                      qPrintable(reason));
            if (finished) {
                stopThread(inst, true);
            }
            const QString text =
                reason.isEmpty() ? PluginManagerTr::tr("setup() failed without a reason") : reason;
            // A not-ready result, or any failure when the instance asks for it, is tried
            // again later; a configuration problem or a setup() that hung never is.
            const bool retry =
                finished && !m_retriesStopped &&
                (result.code() == Result::Code::NotReady ||
                 (result.code() == Result::Code::Error && inst->declared.retrySetup));
            if (retry) {
                scheduleRetry(inst, text);
            } else {
                setState(inst,
                         result.code() == Result::Code::InvalidConfig ? PluginState::InvalidConfig
                                                                      : PluginState::Failed,
                         text);
            }
            return;
        }
        inst->setUp = true;
        m_setupOrder.append(inst);
        if (call->async && m_stopping) {
            return; // stopping: shutdownPlugins() tears it down with the others
        }

        // What the instance declares, asked on its own thread like every plugin call.
        SetupCall *declared = call.get();
        ReadingProvider *provider = inst->readingProvider;
        ToolProvider *toolProvider = inst->toolProvider;
        const CrashNote::Subject *subject = CrashNote::subject(inst->name);
        callPlugin(
            inst, call->async,
            [call, declared, provider, toolProvider, subject] {
                const CrashNote::Scope scope(subject, CrashNote::Phase::Setup);
                try {
                    if (provider) {
                        declared->sources = provider->sources();
                    }
                    if (toolProvider) {
                        const QList<Tool *> tools = toolProvider->tools();
                        for (Tool *tool : tools) {
                            declared->tools.append(tool ? tool->name() : QString());
                            if (tool) {
                                declared->toolDetails.append({tool->name(), tool->description(),
                                                              tool->parametersSchema(), tool});
                            }
                        }
                    }
                } catch (...) {
                    declared->error = currentExceptionText("sources()/tools()");
                }
            },
            m_setupTimeoutMs,
            [this, inst, call](bool answered) { declaredAnswered(inst, call, answered); });
    }
}

void PluginManager::declaredAnswered(PluginInstance *inst, const std::shared_ptr<SetupCall> &call,
                                     bool answered)
{
    // The names the instances already running keep: the first one wins.
    QHash<QString, QString> sourceOwners;
    // Tool name -> the first instance offering it. Instances of one plugin share their tool
    // names: the agent sees one tool with an `instance` argument (ToolRegistry).
    QHash<QString, const PluginInstance *> toolOwners;
    for (const PluginInstance *other : std::as_const(m_setupOrder)) {
        if (other == inst) {
            continue;
        }
        for (const SourceInfo &info : other->sources) {
            sourceOwners.insert(other->name + QLatin1Char(':') + info.id, other->name);
        }
        for (const QString &tool : other->toolNames) {
            if (!toolOwners.contains(tool)) {
                toolOwners.insert(tool, other);
            }
        }
    }
    {
        const SetupCall *declared = call.get();
        // Fail fast on names already taken: the first instance keeps them.
        if (!answered) {
            // Still running on the worker: `declared` must not be touched from here. A retry
            // does not wait for its teardown() either: it is queued behind the hung call.
            teardownInstance(inst, call->async ? 0 : -1);
            setState(inst, PluginState::Failed,
                     PluginManagerTr::tr("sources()/tools() did not return within %1 s")
                         .arg(m_setupTimeoutMs / 1000.0));
            return;
        }
        QString conflict = declared->error;
        QStringList sources;
        QStringList tools;
        for (const SourceInfo &info : std::as_const(declared->sources)) {
            if (!conflict.isEmpty()) {
                break;
            }
            const QString id = inst->name + QLatin1Char(':') + info.id;
            if (sourceOwners.contains(id) || sources.contains(id)) {
                conflict =
                    PluginManagerTr::tr("reading source '%1' is already taken by instance '%2'")
                        .arg(id, sourceOwners.value(id, inst->name));
            }
            sources.append(id);
        }
        for (const QString &name : std::as_const(declared->tools)) {
            if (!conflict.isEmpty()) {
                break;
            }
            const PluginInstance *owner = toolOwners.value(name);
            if (tools.contains(name) || (owner && owner->module != inst->module)) {
                conflict = PluginManagerTr::tr("tool '%1' is already provided by instance '%2'")
                               .arg(name, owner ? owner->name : inst->name);
            }
            tools.append(name);
        }
        inst->sources = declared->sources;
        inst->toolNames = declared->tools;
        inst->tools = declared->toolDetails;
        if (!conflict.isEmpty()) {
            teardownInstance(inst);
            qCWarning(lcPlugins, "Plugin instance %s not loaded: %s", qPrintable(inst->name),
                      qPrintable(conflict));
            setState(inst, PluginState::Conflict, conflict);
            return;
        }
        for (const QString &s : std::as_const(sources)) {
            sourceOwners.insert(s, inst->name);
        }
        for (const QString &t : std::as_const(tools)) {
            if (!toolOwners.contains(t)) {
                toolOwners.insert(t, inst);
            }
        }
        const int attempts = inst->setupFailures;
        inst->setupFailures = 0;
        setState(inst, PluginState::Loaded, QString());
        if (attempts > 0) {
            qCInfo(lcPlugins, "%s",
                   qPrintable(PluginManagerTr::tr("Loaded %1 (%2 %3) after %n failed setup "
                                                  "attempt(s)",
                                                  nullptr, attempts)
                                  .arg(inst->name, inst->module, inst->spec->metadata.version())));
        } else {
            qCInfo(lcPlugins, "Loaded %s (%s %s)", qPrintable(inst->name), qPrintable(inst->module),
                   qPrintable(inst->spec->metadata.version()));
        }
        if (call->async) {
            Q_EMIT instanceReady(inst->name);
        }
    }
}

void PluginManager::scheduleRetry(PluginInstance *inst, const QString &why)
{
    ++inst->setupFailures;
    const int cap =
        inst->declared.retryMaxDelayMs > 0 ? inst->declared.retryMaxDelayMs : m_retryMaxDelayMs;
    const int shift = std::min(inst->setupFailures - 1, 30);
    const qint64 delay =
        std::min<qint64>(std::max(cap, m_retryFirstDelayMs), qint64(m_retryFirstDelayMs) << shift);
    if (!inst->retryTimer) {
        inst->retryTimer = std::make_unique<QTimer>();
        inst->retryTimer->setSingleShot(true);
        const QString name = inst->name;
        connect(inst->retryTimer.get(), &QTimer::timeout, this, [this, name] { retrySetup(name); });
    }
    inst->retryTimer->start(int(delay));
    const QString when = QDateTime::currentDateTime().addMSecs(delay).toString(
        delay < 1000 ? QStringLiteral("HH:mm:ss.zzz") : QStringLiteral("HH:mm:ss"));
    //: %1 is why setup() failed, %2 a time of day (HH:mm:ss), %3 seconds
    const QString reason =
        PluginManagerTr::tr("%1; %n failed attempt(s), next attempt at %2 (in %3 s)", nullptr,
                            inst->setupFailures)
            .arg(why, when,
                 delay >= 10000 ? QString::number(qRound64(delay / 1000.0))
                                : QString::number(delay / 1000.0, 'g', 3));
    qCWarning(lcPlugins, "Plugin instance %s: %s", qPrintable(inst->name), qPrintable(reason));
    setState(inst, PluginState::Retrying, reason);
}

void PluginManager::retrySetup(const QString &name)
{
    PluginInstance *inst = instance(name);
    if (!inst || m_retriesStopped || inst->state != PluginState::Retrying || inst->setUp ||
        !inst->plugin || inst->pendingCall) {
        return;
    }
    qCInfo(lcPlugins, "Setting up %s again (attempt %d)", qPrintable(name),
           inst->setupFailures + 1);
    setupInstance(inst, true);
}

void PluginManager::stopRetries()
{
    m_retriesStopped = true;
    for (const auto &inst : m_instances) {
        if (inst->retryTimer) {
            inst->retryTimer->stop();
        }
    }
}

void PluginManager::setRetryDelays(int firstMs, int maxMs)
{
    m_retryFirstDelayMs = std::max(1, firstMs);
    m_retryMaxDelayMs = std::max(m_retryFirstDelayMs, maxMs);
}

void PluginManager::teardownInstance(PluginInstance *inst, int timeoutMs)
{
    if (timeoutMs < 0) {
        timeoutMs = m_teardownTimeoutMs;
    }
    if (!inst->setUp) {
        return;
    }
    inst->setUp = false;
    m_setupOrder.removeAll(inst);
    Q_EMIT instanceStopping(inst->name);
    Plugin *plugin = inst->plugin;
    const QString name = inst->name;
    const bool finished = runOnInstanceThread(
        inst,
        [plugin, name, subject = CrashNote::subject(name)] {
            const CrashNote::Scope scope(subject, CrashNote::Phase::Teardown);
            try {
                plugin->teardown();
            } catch (...) {
                qCWarning(lcPlugins, "Plugin instance %s: %s", qPrintable(name),
                          qPrintable(currentExceptionText("teardown()")));
            }
        },
        timeoutMs);
    if (!finished) {
        qCWarning(lcPlugins,
                  "Plugin instance %s did not finish teardown() within %g s; leaving it behind",
                  qPrintable(name), timeoutMs / 1000.0);
    }
    stopThread(inst, finished);
}

void PluginManager::setInstanceState(PluginInstance *inst, PluginState state, const QString &reason)
{
    if (state == PluginState::Loaded && !inst->reportedDegraded.isEmpty()) {
        setInstanceState(inst, PluginState::Degraded, inst->reportedDegraded);
        return;
    }
    if (inst->state != state || inst->reason != reason) {
        setState(inst, state, reason);
    }
}

void PluginManager::setHostServices(const HostServices &services)
{
    m_hostServices = services;
}

const PluginManager::HostServices &PluginManager::hostServices() const
{
    return m_hostServices;
}

void PluginManager::setReportedHealth(const QString &name, const QString &reason)
{
    PluginInstance *inst = instance(name);
    if (!inst || inst->reportedDegraded == reason) {
        return;
    }
    const QString previous = inst->reportedDegraded;
    inst->reportedDegraded = reason;
    // Only a running instance changes: one that is retrying, stuck or failed keeps saying so,
    // and a failing read's reason is not replaced by the plugin's.
    const bool ownReason = inst->state == PluginState::Loaded ||
                           (inst->state == PluginState::Degraded && inst->reason == previous);
    if (!ownReason) {
        return;
    }
    if (!reason.isEmpty()) {
        qCWarning(lcPlugins, "Plugin instance %s is degraded: %s", qPrintable(name),
                  qPrintable(reason));
        setState(inst, PluginState::Degraded, reason);
    } else if (inst->state == PluginState::Degraded) {
        qCInfo(lcPlugins, "Plugin instance %s works again", qPrintable(name));
        setState(inst, PluginState::Loaded, QString());
    }
}

void PluginManager::setTimeouts(int setupTimeoutMs, int teardownTimeoutMs)
{
    m_setupTimeoutMs = setupTimeoutMs;
    m_teardownTimeoutMs = teardownTimeoutMs;
}

bool PluginManager::hasAbandonedInstances() const
{
    return m_abandoned;
}

void PluginManager::shutdownPlugins()
{
    stopRetries();
    // Reverse setup order; every instance gets its teardown() even when another throws. All
    // of them share one deadline, so a few hung plugins cannot use up the process's stop time
    // before the healthy ones had theirs: each gets its share of what is left (at least 0.5 s).
    QDeadlineTimer deadline(qint64(m_teardownTimeoutMs) + 3000);
    // A retry still waiting for its plugin: its sources()/tools() answer is not needed (the
    // teardown() below is queued behind it); its setup() gets the share a teardown() would,
    // then it is torn down below if it worked, or left behind if it has not returned.
    for (const auto &inst : m_instances) {
        if (!inst->pendingCall) {
            continue;
        }
        if (inst->setUp) {
            takePending(inst.get());
            continue;
        }
        // A setup() still running when the node stops has had its chance: a short wait.
        const qint64 share = std::clamp<qint64>(deadline.remainingTime() / 4, 200, 1000);
        const bool finished = inst->pendingCall->done.tryAcquire(1, int(share));
        m_stopping = true;
        takePending(inst.get())(finished);
        m_stopping = false;
    }
    while (!m_setupOrder.isEmpty()) {
        PluginInstance *inst = m_setupOrder.last();
        const qint64 share = deadline.remainingTime() / std::max<qsizetype>(1, m_setupOrder.size());
        teardownInstance(inst, int(std::clamp<qint64>(share, 500, m_teardownTimeoutMs)));
        if (!inst->abandoned) {
            qCDebug(lcPlugins, "Tore down %s", qPrintable(inst->name));
        }
    }
}

void PluginManager::setState(PluginInstance *inst, PluginState state, const QString &reason)
{
    inst->state = state;
    inst->reason = reason;
    Q_EMIT statusChanged(inst->status());
}

QList<PluginStatus> PluginManager::statuses() const
{
    QList<PluginStatus> out;
    for (const auto &inst : m_instances) {
        out.append(inst->status());
    }
    out.append(m_unusedSpecRows);
    return out;
}

QMap<PluginState, int> PluginManager::stateCounts() const
{
    QMap<PluginState, int> counts;
    for (const auto &inst : m_instances) {
        counts[inst->state] += 1;
    }
    for (const PluginStatus &row : m_unusedSpecRows) {
        counts[row.state] += 1;
    }
    return counts;
}

QList<PluginInstance *> PluginManager::instances() const
{
    QList<PluginInstance *> out;
    for (const auto &inst : m_instances) {
        out.append(inst.get());
    }
    return out;
}

PluginInstance *PluginManager::instance(const QString &name) const
{
    for (const auto &inst : m_instances) {
        if (inst->name == name) {
            return inst.get();
        }
    }
    return nullptr;
}

QList<PluginInstance *> PluginManager::runningInstances() const
{
    // Without the retries still asking what their instance declares.
    QList<PluginInstance *> out;
    for (PluginInstance *inst : m_setupOrder) {
        if (!inst->pendingCall) {
            out.append(inst);
        }
    }
    return out;
}

} // namespace Smollama
