// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/plugincontext.h>
#include <smollama/pluginmetadata.h>
#include <smollama/reading.h>
#include <smollama/smollama_export.h>
#include <smollama/toolresult.h>

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEvent>
#include <QEventLoop>
#include <QJsonObject>
#include <QList>
#include <QMetaObject>
#include <QMutex>
#include <QMutexLocker>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <utility>

/*!
    The test kit of the plugin SDK (SDK 1.1): what a plugin's own QtTest needs to test the built
    library the way the host uses it.

    \code
    #include <smollama/testing.h>

    void tst_Greenhouse::reads()
    {
        Smollama::Testing::PluginLibrary library(QStringLiteral(PLUGIN_FILE));
        QVERIFY2(library.load(), qPrintable(library.errorString()));
        const QJsonObject config = library.config({{"bus", 1}});   // defaults filled in
        Smollama::Testing::FakePluginContext context(QStringLiteral("greenhouse"), config);
        const std::unique_ptr<QObject> object = library.createInstance();
        auto *plugin = qobject_cast<Smollama::Plugin *>(object.get());
        QVERIFY(plugin->setup(config, &context).isOk());
        ...
        QVERIFY(context.waitForPublished(1));   // a pushed reading arrived
        plugin->teardown();
    }
    \endcode
*/
namespace Smollama::Testing {

/*!
    A PluginContext for tests: it records what the instance tells the host (published readings,
    degraded reasons, node updates, tool calls and questions) and answers callTool() and ask()
    with functions the test sets. Every function is safe from any thread, as the host's are.
*/
class FakePluginContext : public PluginContext
{
    // Runs \a function with the lock held (defined first: the functions below deduce its type).
    template<typename F>
    auto locked(F function) const
    {
        QMutexLocker lock(&m_mutex);
        return function();
    }

public:
    using ToolHandler = std::function<ToolResult(const QString &name, const QJsonObject &args)>;
    using AskHandler = std::function<QString(const QString &question, QString *error)>;

    explicit FakePluginContext(QString instanceName = QStringLiteral("test"),
                               QJsonObject config = {}, PluginMetadata metadata = {})
        : m_instanceName(std::move(instanceName))
        , m_config(std::move(config))
        , m_metadata(std::move(metadata))
    {
    }

    QString instanceName() const override
    {
        return locked([this] { return m_instanceName; });
    }
    PluginMetadata metadata() const override
    {
        return locked([this] { return m_metadata; });
    }
    QJsonObject config() const override
    {
        return locked([this] { return m_config; });
    }
    QString nodeName() const override
    {
        return locked([this] { return m_nodeName; });
    }

    void setInstanceName(const QString &name)
    {
        locked([&] { m_instanceName = name; });
    }
    void setConfig(const QJsonObject &config)
    {
        locked([&] { m_config = config; });
    }
    void setMetadata(const PluginMetadata &metadata)
    {
        locked([&] { m_metadata = metadata; });
    }
    void setNodeName(const QString &name)
    {
        locked([&] { m_nodeName = name; });
    }

    /*! Records \a reading (in the order of the calls). */
    void publish(const Reading &reading) override
    {
        locked([&] { m_published.append(reading); });
    }

    /*! Every reading published so far, oldest first. */
    QList<Reading> published() const
    {
        return locked([this] { return m_published; });
    }
    int publishedCount() const
    {
        return locked([this] { return int(m_published.size()); });
    }
    /*! The newest published reading of the local source \a id; invalid when there is none. */
    Reading lastPublished(const QString &id) const
    {
        const QList<Reading> all = published();
        for (auto it = all.crbegin(); it != all.crend(); ++it) {
            if (it->source() == id) {
                return *it;
            }
        }
        return Reading();
    }
    void clearPublished()
    {
        locked([this] { m_published.clear(); });
    }

    /*! Runs the event loop until at least \a count readings were published or \a timeoutMs
        passed; true when they were. For readings pushed from timers or other threads. */
    bool waitForPublished(int count, int timeoutMs = 5000) const
    {
        return waitUntil([&] { return publishedCount() >= count; }, timeoutMs);
    }

    void setDegraded(const QString &reason) override
    {
        locked([&] {
            m_degraded = reason;
            m_degradedReasons.append(reason);
        });
    }
    /*! The current reason; empty when the instance said it is healthy (or never said). */
    QString degradedReason() const
    {
        return locked([this] { return m_degraded; });
    }
    bool isDegraded() const { return !degradedReason().isEmpty(); }
    /*! Every setDegraded() argument so far, an empty text for "healthy again". */
    QStringList degradedReasons() const
    {
        return locked([this] { return m_degradedReasons; });
    }

    /*! What callTool() answers; without one every call gives an error. */
    void setToolHandler(ToolHandler handler)
    {
        locked([&] { m_toolHandler = std::move(handler); });
    }
    /*! The calls made so far: (tool name, arguments). */
    QList<QPair<QString, QJsonObject>> toolCalls() const
    {
        return locked([this] { return m_toolCalls; });
    }

    /*! Answers with the tool handler; \a done runs on \a receiver's thread, as with the host. */
    void callTool(const QString &name, const QJsonObject &arguments, QObject *receiver,
                  std::function<void(const ToolResult &result)> done) override
    {
        const ToolHandler handler = locked([&] {
            m_toolCalls.append({name, arguments});
            return m_toolHandler;
        });
        const ToolResult result =
            handler ? handler(name, arguments)
                    : ToolResult::error(QStringLiteral("unknown tool '%1' (FakePluginContext has "
                                                       "no tool handler)")
                                            .arg(name));
        deliver(receiver, [done = std::move(done), result] {
            if (done) {
                done(result);
            }
        });
    }

    /*! What ask() answers: the answer, or an empty answer with *error set. */
    void setAskHandler(AskHandler handler)
    {
        locked([&] { m_askHandler = std::move(handler); });
    }
    QStringList questions() const
    {
        return locked([this] { return m_questions; });
    }

    void ask(const QString &question, QObject *receiver,
             std::function<void(const QString &answer, const QString &error)> done) override
    {
        const AskHandler handler = locked([&] {
            m_questions.append(question);
            return m_askHandler;
        });
        QString error;
        QString answer;
        if (handler) {
            answer = handler(question, &error);
        } else {
            error = QStringLiteral("FakePluginContext has no agent (no ask handler)");
        }
        deliver(receiver, [done = std::move(done), answer, error] {
            if (done) {
                done(answer, error);
            }
        });
    }

    void updateNode(const QString &name, const QJsonObject &facts) override
    {
        locked([&] { m_nodeUpdates.append({name, facts}); });
    }
    /*! Every updateNode() call so far: (node name, facts). */
    QList<QPair<QString, QJsonObject>> nodeUpdates() const
    {
        return locked([this] { return m_nodeUpdates; });
    }

    /*! Runs the event loop until \a condition holds or \a timeoutMs passed. */
    template<typename Condition>
    static bool waitUntil(Condition condition, int timeoutMs = 5000)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (!condition()) {
            if (deadline.hasExpired()) {
                return false;
            }
            QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
            QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        }
        return true;
    }

private:
    // Like the host: on the receiver's thread, never after the receiver is gone.
    static void deliver(QObject *receiver, std::function<void()> function)
    {
        if (!receiver) {
            return;
        }
        QPointer<QObject> guard(receiver);
        QMetaObject::invokeMethod(
            receiver,
            [guard, function = std::move(function)] {
                if (guard) {
                    function();
                }
            },
            Qt::QueuedConnection);
    }

    mutable QMutex m_mutex;
    QString m_instanceName;
    QJsonObject m_config;
    PluginMetadata m_metadata;
    QString m_nodeName = QStringLiteral("test-node");
    QList<Reading> m_published;
    QString m_degraded;
    QStringList m_degradedReasons;
    ToolHandler m_toolHandler;
    QList<QPair<QString, QJsonObject>> m_toolCalls;
    AskHandler m_askHandler;
    QStringList m_questions;
    QList<QPair<QString, QJsonObject>> m_nodeUpdates;
};

class PluginLibraryPrivate;

/*!
    A built plugin library, loaded as the host loads it: the manifest is read and checked
    without loading the code (interface IID, Qt version, SDK stamp, manifest schema: the checks
    behind "incompatible"), then the library is loaded with QPluginLoader, its root object must
    be a PluginFactory, and each instance object must implement the interfaces its manifest's
    "type" promises. Every failure is in errorString() with the host's wording.
*/
class SMOLLAMA_EXPORT PluginLibrary
{
public:
    /*! \a fileName: the built library (libsmollama_<name>.so). Nothing is read yet. */
    explicit PluginLibrary(const QString &fileName);
    ~PluginLibrary();
    PluginLibrary(const PluginLibrary &) = delete;
    PluginLibrary &operator=(const PluginLibrary &) = delete;

    /*! Checks and loads the library; false with errorString() when the host would refuse it. */
    bool load();
    bool isLoaded() const;
    QString errorString() const;
    QString fileName() const;

    /*! The manifest as the host reads it (with the build's sdkVersion stamp); available before
        load() too, empty when the library has none. */
    QJsonObject manifest() const;
    PluginMetadata metadata() const;

    /*! \a config as setup() receives it from the host: completed with the configSchema's
        defaults (also in nested objects) and validated. When it is invalid, returns an empty
        object and, when \a error is given, sets it to the per-key problems. */
    QJsonObject config(const QJsonObject &config = {}, QString *error = nullptr) const;

    /*! A new instance object from the factory, as the host creates one per configured
        instance; the caller owns it. Null (with errorString()) when the library is not loaded,
        create() failed, or the object lacks an interface the manifest's type promises. */
    std::unique_ptr<QObject> createInstance();

private:
    std::unique_ptr<PluginLibraryPrivate> d;
};

} // namespace Smollama::Testing
