// SPDX-License-Identifier: GPL-3.0-or-later
#include "toolregistry.h"
#include "toolregistry_p.h"

#include "instancetools.h"
#include "plugins/plugininstance.h"
#include "plugins/pluginmanager.h"
#include "util/didyoumean.h"
#include "util/jsonschema.h"

#include <smollama/names.h>
#include <smollama/tool.h>
#include <smollama/toolprovider.h>

#include <QLoggingCategory>
#include <QMap>
#include <QPointer>
#include <QReadLocker>
#include <QRegularExpression>
#include <QSemaphore>
#include <QThread>
#include <QWriteLocker>

#include <exception>

Q_LOGGING_CATEGORY(lcTools, "smollama.tools")

namespace Smollama {

struct ToolRegistry::Entry
{
    QString name;
    QString description;
    QJsonObject parameters;
    JsonSchema schema;
    Handler handler;
    QString owner;
    Runner runner;
    std::function<QString()> busy;
    QString plugin;
    /*! A tool several instances of one plugin offer: each instance's own entry by instance
        name; the call's `instance` argument picks one. Empty for every other tool. */
    QMap<QString, std::shared_ptr<const Entry>> instances;
};

namespace {

QString secondsText(int ms)
{
    return QString::number(ms / 1000.0);
}

QString exceptionText(std::exception_ptr error)
{
    try {
        std::rethrow_exception(error);
    } catch (const std::exception &e) {
        return QString::fromUtf8(e.what());
    } catch (...) {
        return QStringLiteral("an unknown exception");
    }
}

} // namespace

ToolRegistry::ToolRegistry(QObject *parent)
    : QObject(parent)
{
    m_pool.setMaxThreadCount(4);
    // A hung tool keeps its worker; do not let it block the program at exit forever.
    m_pool.setExpiryTimeout(30000);
}

ToolRegistry::~ToolRegistry()
{
    m_pool.clear();
    m_pool.waitForDone(m_timeoutMs + 1000);
    QMutexLocker locker(&m_lanesMutex);
    for (auto &lane : m_lanes) {
        lane.second->clear();
        lane.second->waitForDone(m_timeoutMs + 1000);
    }
}

QThreadPool *ToolRegistry::lane(const QString &owner)
{
    if (owner.isEmpty() || owner == QLatin1String("core")) {
        return &m_pool;
    }
    QMutexLocker locker(&m_lanesMutex);
    std::unique_ptr<QThreadPool> &pool = m_lanes[owner];
    if (!pool) {
        pool = std::make_unique<QThreadPool>();
        pool->setMaxThreadCount(1);
        pool->setExpiryTimeout(30000);
    }
    return pool.get();
}

QString ToolRegistry::registerTool(const ToolSpec &spec)
{
    if (!isValidName(spec.name)) {
        return tr("tool name '%1' is invalid: use lower-case letters, digits and '_'")
            .arg(spec.name);
    }
    if (!spec.handler) {
        return tr("tool '%1' has no function to call").arg(spec.name);
    }
    auto e = std::make_shared<Entry>();
    e->name = spec.name;
    e->description = spec.description;
    e->parameters = spec.parameters.isEmpty()
                        ? QJsonObject{{QStringLiteral("type"), QStringLiteral("object")},
                                      {QStringLiteral("properties"), QJsonObject()}}
                        : spec.parameters;
    e->schema = JsonSchema(e->parameters);
    if (!e->schema.isValid()) {
        return tr("tool '%1' has an invalid parameter schema: %2")
            .arg(spec.name, e->schema.errorString());
    }
    e->handler = spec.handler;
    e->owner = spec.owner.isEmpty() ? QStringLiteral("core") : spec.owner;
    e->runner = spec.runner ? spec.runner : threadRunner(this);
    e->busy = spec.busy;
    e->plugin = spec.plugin;

    QWriteLocker locker(&m_lock);
    if (const auto existing = m_tools.value(spec.name)) {
        // Another instance of the same plugin: one tool for both, with an `instance` argument.
        const bool sibling = !e->plugin.isEmpty() && existing->plugin == e->plugin &&
                             existing->owner != e->owner && !existing->instances.contains(e->owner);
        if (!sibling) {
            return tr("tool '%1' of %2 is not registered: the name is already registered by %3")
                .arg(spec.name, e->owner, existing->owner);
        }
        if (e->parameters.value(QLatin1String("properties"))
                .toObject()
                .contains(Internal::InstanceTools::argumentName())) {
            return tr("tool '%1' of %2 is not registered: %3 offers it too, and its parameters "
                      "already use the name 'instance', which picks the instance")
                .arg(spec.name, e->owner, existing->owner);
        }
        QList<std::shared_ptr<const Entry>> parts = existing->instances.values();
        if (parts.isEmpty()) {
            parts.append(existing);
        }
        parts.append(e);
        m_tools.insert(spec.name, combined(parts));
        Q_EMIT toolsChanged();
        return {};
    }
    m_tools.insert(spec.name, std::move(e));
    Q_EMIT toolsChanged();
    return {};
}

QStringList ToolRegistry::registerPluginTools(PluginManager *plugins, const QString &onlyInstance)
{
    QStringList errors;
    if (!plugins) {
        return errors;
    }
    const QList<PluginInstance *> running = plugins->runningInstances();
    for (PluginInstance *inst : running) {
        if (!inst->toolProvider() || inst->isAbandoned() ||
            (!onlyInstance.isEmpty() && inst->name() != onlyInstance)) {
            continue;
        }
        QPointer<PluginManager> manager(plugins);
        const auto busy = [manager, inst] {
            return manager ? manager->busyReason(inst) : QString();
        };
        // What tools() answered after setup() (PluginInstance::tools): nothing is asked of the
        // plugin here, so registering never waits on it.
        for (const PluginInstance::DeclaredTool &d : std::as_const(inst->tools())) {
            Tool *tool = d.tool;
            ToolSpec spec;
            spec.name = d.name;
            spec.description = d.description;
            spec.parameters = d.parameters;
            spec.owner = inst->name();
            spec.plugin = inst->spec() ? inst->spec()->metadata.name() : QString();
            // Marked for the crash note, and watched: a call that hangs makes the instance stuck.
            spec.runner = [manager, inst, name = d.name](std::function<void()> function,
                                                         int timeoutMs) {
                return manager && manager->runToolCall(inst, name, std::move(function), timeoutMs);
            };
            spec.busy = busy;
            spec.handler = [tool](const QJsonObject &arguments) { return tool->call(arguments); };
            const QString error = registerTool(spec);
            if (!error.isEmpty()) {
                qCWarning(lcTools, "%s", qPrintable(error));
                errors.append(error);
            }
        }
    }
    return errors;
}

void ToolRegistry::unregisterOwner(const QString &owner)
{
    QWriteLocker locker(&m_lock);
    bool removed = false;
    for (auto it = m_tools.begin(); it != m_tools.end();) {
        if (!(*it)->instances.isEmpty()) {
            // One instance of several goes: the others keep the tool.
            if ((*it)->instances.contains(owner)) {
                QMap<QString, std::shared_ptr<const Entry>> rest = (*it)->instances;
                rest.remove(owner);
                *it = rest.size() == 1 ? rest.first() : combined(rest.values());
                removed = true;
            }
            ++it;
        } else if ((*it)->owner == owner) {
            it = m_tools.erase(it);
            removed = true;
        } else {
            ++it;
        }
    }
    if (removed) {
        Q_EMIT toolsChanged();
    }
}

QStringList ToolRegistry::names() const
{
    QReadLocker locker(&m_lock);
    QStringList out = m_tools.keys();
    out.sort();
    return out;
}

bool ToolRegistry::contains(const QString &name) const
{
    return entry(name) != nullptr;
}

QString ToolRegistry::owner(const QString &name) const
{
    const auto e = entry(name);
    return e ? e->owner : QString();
}

QJsonObject ToolRegistry::parameters(const QString &name) const
{
    const auto e = entry(name);
    return e ? e->parameters : QJsonObject();
}

QStringList ToolRegistry::instancesOf(const QString &name) const
{
    const auto e = entry(name);
    if (!e) {
        return {};
    }
    if (!e->instances.isEmpty()) {
        return e->instances.keys(); // a QMap: sorted
    }
    return e->owner == QLatin1String("core") ? QStringList() : QStringList{e->owner};
}

QJsonObject ToolRegistry::instanceParameters(const QString &name, const QString &instance) const
{
    const auto e = entry(name);
    if (!e) {
        return {};
    }
    if (const auto part = e->instances.value(instance)) {
        return part->parameters;
    }
    return (e->owner != QLatin1String("core") && e->owner == instance) ? e->parameters
                                                                       : QJsonObject();
}

std::shared_ptr<const ToolRegistry::Entry>
ToolRegistry::combined(const QList<std::shared_ptr<const Entry>> &parts)
{
    auto e = std::make_shared<Entry>();
    QList<Internal::InstanceTools::Variant> variants;
    for (const auto &part : parts) {
        e->instances.insert(part->owner, part);
    }
    for (const auto &part : std::as_const(e->instances)) { // in instance order
        variants.append({part->owner, part->description, part->parameters});
    }
    const auto &first = e->instances.first();
    e->name = first->name;
    e->plugin = first->plugin;
    e->owner = first->plugin;
    e->parameters = Internal::InstanceTools::mergedParameters(e->plugin, variants);
    e->description = Internal::InstanceTools::mergedDescription(e->plugin, variants);
    e->schema = JsonSchema(e->parameters);
    return e;
}

QJsonArray ToolRegistry::ollamaTools() const
{
    QJsonArray out;
    for (const QString &name : names()) {
        const auto e = entry(name);
        if (!e) {
            continue;
        }
        out.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("function")},
                               {QStringLiteral("function"),
                                QJsonObject{{QStringLiteral("name"), e->name},
                                            {QStringLiteral("description"), e->description},
                                            {QStringLiteral("parameters"), e->parameters}}}});
    }
    return out;
}

void ToolRegistry::setTimeout(int ms)
{
    m_timeoutMs = ms;
}

int ToolRegistry::timeout() const
{
    return m_timeoutMs;
}

std::shared_ptr<const ToolRegistry::Entry> ToolRegistry::entry(const QString &name) const
{
    QReadLocker locker(&m_lock);
    return m_tools.value(name);
}

QString ToolRegistry::validate(const QString &name, const QJsonObject &arguments) const
{
    const auto e = entry(name);
    if (!e) {
        return tr("unknown tool '%1'%2; the tools are: %3")
            .arg(name, didYouMeanSuffix(name, names()), names().join(QLatin1String(", ")));
    }
    QList<SchemaError> errors = e->schema.validate(arguments);
    if (errors.isEmpty() && !e->instances.isEmpty()) {
        // The instance's own schema decides the rest (its enum of pins, its bounds).
        QJsonObject own = arguments;
        const QString instance = own.take(Internal::InstanceTools::argumentName()).toString();
        if (const auto part = e->instances.value(instance)) {
            errors = part->schema.validate(own);
        }
    }
    if (errors.isEmpty()) {
        return {};
    }
    QStringList lines;
    lines << tr("invalid arguments for tool '%1' (the tool was not called):").arg(name);
    for (const SchemaError &error : errors) {
        lines << QStringLiteral("- %1: %2")
                     .arg(error.path.isEmpty() ? tr("arguments") : error.path, error.message);
    }
    lines << tr("Call %1 again with arguments matching its parameters.").arg(name);
    return lines.join(QLatin1Char('\n'));
}

ToolResult ToolRegistry::call(const QString &name, const QJsonObject &arguments) const
{
    const QString invalid = validate(name, arguments);
    if (!invalid.isEmpty()) {
        return ToolResult::error(invalid);
    }
    auto e = entry(name);
    if (!e) {
        return ToolResult::error(tr("unknown tool '%1'").arg(name));
    }
    QJsonObject args = arguments;
    if (!e->instances.isEmpty()) {
        // Routed to the instance the caller chose; the tool itself never sees `instance`.
        const QString instance = args.take(Internal::InstanceTools::argumentName()).toString();
        e = e->instances.value(instance);
        if (!e) {
            return ToolResult::error(
                tr("no instance '%1' offers tool '%2' any more; the "
                   "instances are: %3")
                    .arg(instance, name, instancesOf(name).join(QLatin1String(", "))));
        }
    }
    if (e->busy) {
        if (const QString why = e->busy(); !why.isEmpty()) {
            return ToolResult::error(tr("tool %1 was not called: %2").arg(name, why));
        }
    }
    auto result = std::make_shared<ToolResult>(ToolResult::error(QString()));
    const Handler handler = e->handler;
    const QString toolName = e->name;
    const bool finished = e->runner(
        [handler, arguments = args, result, toolName] {
            try {
                *result = handler(arguments);
            } catch (...) {
                *result =
                    ToolResult::error(tr("tool %1 failed: it threw %2")
                                          .arg(toolName, exceptionText(std::current_exception())));
            }
        },
        m_timeoutMs);
    if (!finished) {
        qCWarning(lcTools, "Tool %s did not answer within %s s", qPrintable(name),
                  qPrintable(secondsText(m_timeoutMs)));
        return ToolResult::error(
            tr("tool %1 did not answer within %2 s").arg(name, secondsText(m_timeoutMs)));
    }
    return *result;
}

void ToolRegistry::callAsync(const QString &name, const QJsonObject &arguments, QObject *context,
                             Callback callback)
{
    auto result = std::make_shared<ToolResult>(ToolResult::error(QString()));
    auto *notifier = new Internal::ToolCallNotifier;
    connect(notifier, &Internal::ToolCallNotifier::finished, context,
            [callback = std::move(callback), result] { callback(*result); });
    auto e = entry(name);
    if (e && !e->instances.isEmpty()) {
        // The lane and the busy check are those of the instance the call is routed to.
        e = e->instances.value(arguments.value(Internal::InstanceTools::argumentName()).toString(),
                               e);
    }
    if (e && e->busy) {
        if (const QString why = e->busy(); !why.isEmpty()) {
            // Refused at once, not queued behind the call that hangs.
            *result = ToolResult::error(tr("tool %1 was not called: %2").arg(name, why));
            QMetaObject::invokeMethod(notifier, &Internal::ToolCallNotifier::finished,
                                      Qt::QueuedConnection);
            notifier->deleteLater();
            return;
        }
    }
    lane(e ? e->owner : QString())->start([this, name, arguments, result, notifier] {
        *result = call(name, arguments);
        Q_EMIT notifier->finished();
        notifier->deleteLater();
    });
}

ToolRegistry::Runner ToolRegistry::threadRunner(QObject *context)
{
    QPointer<QObject> target(context);
    return [target](std::function<void()> function, int timeoutMs) {
        if (!target) {
            return false;
        }
        if (target->thread() == QThread::currentThread()) {
            function();
            return true;
        }
        auto done = std::make_shared<QSemaphore>(0);
        QMetaObject::invokeMethod(
            target.data(),
            [function = std::move(function), done] {
                function();
                done->release();
            },
            Qt::QueuedConnection);
        return done->tryAcquire(1, timeoutMs);
    };
}

} // namespace Smollama
