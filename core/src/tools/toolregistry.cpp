// SPDX-License-Identifier: GPL-3.0-or-later
#include "toolregistry.h"
#include "toolregistry_p.h"

#include "plugins/plugininstance.h"
#include "plugins/pluginmanager.h"
#include "util/didyoumean.h"
#include "util/jsonschema.h"

#include <smollama/tool.h>
#include <smollama/toolprovider.h>

#include <QLoggingCategory>
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
    static const QRegularExpression nameRe(QStringLiteral("^[a-z][a-z0-9_]*$"));
    if (!nameRe.match(spec.name).hasMatch()) {
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

    QWriteLocker locker(&m_lock);
    if (const auto existing = m_tools.value(spec.name)) {
        return tr("tool '%1' of %2 is not registered: the name is already registered by %3")
            .arg(spec.name, e->owner, existing->owner);
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
        if (!inst->toolProvider || inst->abandoned ||
            (!onlyInstance.isEmpty() && inst->name != onlyInstance)) {
            continue;
        }
        QPointer<PluginManager> manager(plugins);
        const auto busy = [manager, inst] {
            return manager ? manager->busyReason(inst) : QString();
        };
        // What tools() answered after setup() (PluginInstance::tools): nothing is asked of the
        // plugin here, so registering never waits on it.
        for (const PluginInstance::DeclaredTool &d : std::as_const(inst->tools)) {
            Tool *tool = d.tool;
            ToolSpec spec;
            spec.name = d.name;
            spec.description = d.description;
            spec.parameters = d.parameters;
            spec.owner = inst->name;
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
        if ((*it)->owner == owner) {
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
    const QList<SchemaError> errors = e->schema.validate(arguments);
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
    const auto e = entry(name);
    if (!e) {
        return ToolResult::error(tr("unknown tool '%1'").arg(name));
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
        [handler, arguments, result, toolName] {
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
    const auto e = entry(name);
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
