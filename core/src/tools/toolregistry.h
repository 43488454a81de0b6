// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/smollama_export.h>
#include <smollama/toolresult.h>

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QMutex>
#include <QObject>
#include <QReadWriteLock>
#include <QString>
#include <QStringList>
#include <QThreadPool>

#include <functional>
#include <map>
#include <memory>

namespace Smollama {

class PluginManager;

/*!
    Every tool the agent, the HTTP API and the dashboard can call: the core tools
    (list_sources, read_source, ...) and the tools of the running plugin instances.

    Each tool has a unique name, a description and a JSON Schema for its arguments. When several
    instances of one plugin offer the same tool, it is one tool with an extra argument
    `instance` (an enum of the instance names) that routes the call to that instance; with one
    instance there is no such argument. call()
    validates the arguments first: invalid arguments give an error text listing each problem
    (for the model to correct itself) and the tool is not called. Nothing throws out of call():
    exceptions become error results, and a tool that does not answer within timeout() gives
    "tool X did not answer within 10 s".

    Thread-safe. call() blocks until the tool answers or times out: use callAsync() from the
    user-interface thread.
*/
class SMOLLAMA_EXPORT ToolRegistry : public QObject
{
    Q_OBJECT

public:
    using Handler = std::function<ToolResult(const QJsonObject &arguments)>;
    /*! Runs \a function somewhere and waits at most \a timeoutMs for it; false on timeout
        (the function may still run later, so it captures by value). */
    using Runner = std::function<bool(std::function<void()> function, int timeoutMs)>;
    using Callback = std::function<void(const ToolResult &result)>;

    /*! One tool to register. */
    struct ToolSpec
    {
        QString name;
        QString description;
        /*! JSON Schema (draft 7) of the arguments; {"type":"object","properties":{}} when
            empty. Nested objects and arrays are allowed. */
        QJsonObject parameters;
        Handler handler;
        /*! Who registered it: "core" or the plugin instance name (shown on conflicts). */
        QString owner = QStringLiteral("core");
        /*! The plugin (manifest name) of the instance that registered it; empty for core
            tools. Instances of the same plugin share a tool name (see `instance`). */
        QString plugin;
        /*! Where the handler runs; empty means the registry's own thread (see threadRunner()). */
        Runner runner;
        /*! Why the tool cannot be called now (its plugin is stuck in an earlier call); the call
            is then refused at once with that text. Optional; any thread. */
        std::function<QString()> busy;
    };

    explicit ToolRegistry(QObject *parent = nullptr);
    ~ToolRegistry() override;

    /*! Registers \a spec. Returns an empty string, or why it was refused: a bad name, a broken
        schema, or a name already taken ("tool 'x' is already registered by core"). */
    QString registerTool(const ToolSpec &spec);
    /*! Registers the tools of every running instance of \a plugins; their calls run on the
        instance's thread with the timeout. Returns one error per tool that was refused. The
        tools must be unregistered (unregisterOwner()) before the plugins are torn down. */
    QStringList registerPluginTools(PluginManager *plugins, const QString &onlyInstance = {});
    /*! Removes every tool registered by \a owner. */
    void unregisterOwner(const QString &owner);

    QStringList names() const;
    bool contains(const QString &name) const;
    /*! Who registered \a name: "core", the instance, or, for a tool several instances offer,
        their plugin; empty when unknown. */
    QString owner(const QString &name) const;
    QJsonObject parameters(const QString &name) const;
    /*! The plugin instances that offer \a name, sorted; more than one means calls take the
        `instance` argument. Empty for core tools. */
    QStringList instancesOf(const QString &name) const;
    /*! The parameters \a instance declared for \a name itself (without `instance`). */
    QJsonObject instanceParameters(const QString &name, const QString &instance) const;

    /*! The tools in Ollama's format, sorted by name:
        [{"type":"function","function":{"name","description","parameters"}}]. */
    QJsonArray ollamaTools() const;

    /*! How long a tool may take (ms, default 10000). */
    void setTimeout(int ms);
    int timeout() const;

    /*! An error text when \a arguments do not fit \a name's schema; empty when they do. */
    QString validate(const QString &name, const QJsonObject &arguments) const;

    /*! Validates and calls \a name; blocks until the tool answers or times out. Do not call it
        from the thread a tool runs on (the registry's thread for core tools). */
    ToolResult call(const QString &name, const QJsonObject &arguments) const;
    /*! Calls \a name on a worker thread and hands the result to \a callback in \a context's
        thread (which needs an event loop). Nothing is delivered when \a context is gone.
        Each owner has its own lane of worker threads: the core tools one of four threads,
        each plugin instance one thread (its calls run one at a time on its thread anyway), so
        a plugin's hung call never delays another plugin's tools or the core tools. */
    void callAsync(const QString &name, const QJsonObject &arguments, QObject *context,
                   Callback callback);

    /*! A Runner that runs on \a context's thread (directly when already there) with a timeout. */
    static Runner threadRunner(QObject *context);

Q_SIGNALS:
    /*! Tools were registered or removed (a plugin instance that came up late, on a retry).
        Emitted with the registry's lock held: connect with Qt::QueuedConnection. */
    void toolsChanged();

private:
    struct Entry;
    std::shared_ptr<const Entry> entry(const QString &name) const;
    QThreadPool *lane(const QString &owner);
    static std::shared_ptr<const Entry> combined(const QList<std::shared_ptr<const Entry>> &parts);

    mutable QReadWriteLock m_lock;
    QHash<QString, std::shared_ptr<const Entry>> m_tools;
    int m_timeoutMs = 10000;
    QThreadPool m_pool; //!< the core tools' lane
    QMutex m_lanesMutex;
    std::map<QString, std::unique_ptr<QThreadPool>> m_lanes; //!< per plugin instance
};

} // namespace Smollama
