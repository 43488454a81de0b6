// SPDX-License-Identifier: GPL-3.0-or-later
// The example reading sink line_export: the built plugin, loaded as the host loads it, writes
// InfluxDB line protocol (escaping, types, errors, the node filter), says when it cannot write,
// and, run by the host, receives the bus's readings on its own thread.
#include "config/config.h"
#include "plugins/pluginmanager.h"
#include "readings/readingbus.h"
#include "readings/sinkdispatcher.h"

#include <smollama/plugin.h>
#include <smollama/plugincontext.h>
#include <smollama/pluginfactory.h>
#include <smollama/readingsink.h>
#include <smollama/testing.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Smollama;
using Smollama::Testing::FakePluginContext;
using Smollama::Testing::PluginLibrary;

namespace {

Reading at(const QString &node, const QString &source, const QVariant &value,
           const QString &unit = QString())
{
    Reading r(source, value, unit, QDateTime::fromMSecsSinceEpoch(1700000000123LL, Qt::UTC));
    r.setNode(node);
    return r;
}

QByteArray contents(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class tst_LineExport : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    PluginLibrary m_library{QStringLiteral(SMOLLAMA_LINE_EXPORT_PLUGIN)};

    std::unique_ptr<QObject> create() { return m_library.createInstance(); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        // Loaded with the host's checks (manifest, SDK stamp, the interfaces of type "sink").
        QVERIFY2(m_library.load(), qPrintable(m_library.errorString()));
        const QJsonObject manifest = m_library.manifest();
        QCOMPARE(manifest.value(QLatin1String("type")).toString(), QStringLiteral("sink"));
        QCOMPARE(manifest.value(QLatin1String("sdkVersion")).toString(), QStringLiteral("1.1"));
    }

    void writesLineProtocol()
    {
        std::unique_ptr<QObject> object = create();
        auto *plugin = qobject_cast<Plugin *>(object.get());
        auto *sink = qobject_cast<ReadingSink *>(object.get());
        QVERIFY(plugin && sink);
        const QString path = m_tmp.filePath(QStringLiteral("all.lp"));
        FakePluginContext context(QStringLiteral("export"));
        QVERIFY(plugin
                    ->setup({{QStringLiteral("path"), path},
                             {QStringLiteral("measurement"), QStringLiteral("smollama")},
                             {QStringLiteral("nodes"), QJsonArray()},
                             {QStringLiteral("errors"), true}},
                            &context)
                    .isOk());
        sink->write({at(QStringLiteral("greenhouse"), QStringLiteral("bme280:temperature"), 24.5,
                        QStringLiteral("°C")),
                     at(QStringLiteral("pi 4, attic"), QStringLiteral("gpio:door"), true),
                     at(QStringLiteral("master"), QStringLiteral("system:state"),
                        QStringLiteral("say \"hi\"")),
                     Reading::error(QStringLiteral("modbus:meter"), QStringLiteral("no answer")),
                     at(QStringLiteral("master"), QStringLiteral("system:nan"), qQNaN())});
        plugin->teardown();
        const QList<QByteArray> lines = contents(path).split('\n');
        QCOMPARE(lines.size(), 5); // four lines and the empty rest; NaN is not written
        QCOMPARE(lines.at(0), QByteArray("smollama,node=greenhouse,source=bme280:temperature,"
                                         "unit=°C,quality=ok value=24.5 1700000000123000000"));
        QCOMPARE(lines.at(1), QByteArray("smollama,node=pi\\ 4\\,\\ attic,source=gpio:door,"
                                         "quality=ok value=true 1700000000123000000"));
        QCOMPARE(lines.at(2), QByteArray("smollama,node=master,source=system:state,quality=ok "
                                         "value=\"say \\\"hi\\\"\" 1700000000123000000"));
        QVERIFY2(lines.at(3).startsWith("smollama,node=,source=modbus:meter,quality=error "
                                        "error=\"no answer\" "),
                 lines.at(3).constData());
        QVERIFY(!context.isDegraded());
    }

    void filtersNodesAndErrors()
    {
        std::unique_ptr<QObject> object = create();
        auto *plugin = qobject_cast<Plugin *>(object.get());
        auto *sink = qobject_cast<ReadingSink *>(object.get());
        const QString path = m_tmp.filePath(QStringLiteral("some.lp"));
        FakePluginContext context(QStringLiteral("export"));
        QVERIFY(plugin
                    ->setup({{QStringLiteral("path"), path},
                             {QStringLiteral("measurement"), QStringLiteral("m")},
                             {QStringLiteral("nodes"), QJsonArray{QStringLiteral("garage")}},
                             {QStringLiteral("errors"), false}},
                            &context)
                    .isOk());
        Reading bad = Reading::error(QStringLiteral("a:b"), QStringLiteral("x"));
        bad.setNode(QStringLiteral("garage"));
        sink->write({at(QStringLiteral("greenhouse"), QStringLiteral("a:b"), 1),
                     at(QStringLiteral("garage"), QStringLiteral("a:b"), 2), bad});
        plugin->teardown();
        QCOMPARE(contents(path),
                 QByteArray("m,node=garage,source=a:b,quality=ok value=2 1700000000123000000\n"));
    }

    void missingFolderIsAConfigProblem()
    {
        std::unique_ptr<QObject> object = create();
        auto *plugin = qobject_cast<Plugin *>(object.get());
        const Result r = plugin->checkDependencies(
            {{QStringLiteral("path"), m_tmp.filePath(QStringLiteral("no/such/dir/x.lp"))}});
        QCOMPARE(r.code(), Result::Code::InvalidConfig);
        QVERIFY2(r.message().contains(QLatin1String("does not exist")), qPrintable(r.message()));
    }

    void degradedWhenTheFileCannotBeWritten()
    {
        // /dev/full: a Linux device on which every write fails with "no space left".
        QVERIFY(QFile::exists(QStringLiteral("/dev/full")));
        std::unique_ptr<QObject> object = create();
        auto *plugin = qobject_cast<Plugin *>(object.get());
        auto *sink = qobject_cast<ReadingSink *>(object.get());
        FakePluginContext context(QStringLiteral("export"));
        QVERIFY(plugin
                    ->setup({{QStringLiteral("path"), QStringLiteral("/dev/full")},
                             {QStringLiteral("measurement"), QStringLiteral("m")}},
                            &context)
                    .isOk());
        sink->write({at(QStringLiteral("n"), QStringLiteral("a:b"), 1)});
        sink->write({at(QStringLiteral("n"), QStringLiteral("a:b"), 2)});
        QCOMPARE(context.degradedReasons().size(), 1); // said once, not per batch
        QVERIFY2(context.degradedReason().contains(QLatin1String("cannot write to /dev/full")),
                 qPrintable(context.degradedReason()));
        plugin->teardown();
    }

    void hostFeedsIt()
    {
        const QString path = m_tmp.filePath(QStringLiteral("host.lp"));
        const Config config = Config::fromYaml(
            "plugins:\n  custom:\n    - {name: export, module: line_export, config: {path: '" +
                path.toUtf8() + "'}}\n",
            m_tmp.filePath(QStringLiteral("c.yaml")));
        QVERIFY2(!config.hasErrors(), qPrintable(config.diagnostics().value(0).toString()));
        PluginManager plugins;
        plugins.setBuiltinPluginDir(m_tmp.filePath(QStringLiteral("none")));
        plugins.setExtraPluginPaths(
            {QFileInfo(QStringLiteral(SMOLLAMA_LINE_EXPORT_PLUGIN)).path()});
        plugins.setConfig(config);
        ReadingBus bus;
        bus.setNodeName(QStringLiteral("master"));
        SinkDispatcher sinks(&plugins, &bus);
        plugins.prepare();
        plugins.initializePlugins();
        QCOMPARE(plugins.instance(QStringLiteral("export"))->state(), PluginState::Loaded);
        sinks.start();
        for (int i = 0; i < 100; ++i) {
            bus.publish(Reading(QStringLiteral("system:n"), i));
        }
        QTRY_COMPARE(contents(path).count('\n'), 100);
        QVERIFY(
            contents(path).startsWith("smollama,node=master,source=system:n,quality=ok value=0 "));
        sinks.stop();
        plugins.shutdownPlugins();
    }
};

QTEST_GUILESS_MAIN(tst_LineExport)
#include "tst_lineexport.moc"
