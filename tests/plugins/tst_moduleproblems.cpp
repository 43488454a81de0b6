// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 16: a configured module whose library is there but is no plugin says why, on the
// instance's own row, instead of "no plugin named ... was found ... install it".
#include "config/config.h"
#include "plugins/pluginmanager.h"

#include <QTest>

using namespace Smollama;

class tst_ModuleProblems : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void libraryThatIsNoPluginSaysWhy()
    {
        const Config config = Config::fromYaml("plugins:\n"
                                               "  custom:\n"
                                               "    - {name: thing, module: notaplugin}\n",
                                               QStringLiteral("config.yaml"));
        PluginManager manager;
        manager.setBuiltinPluginDir(QStringLiteral(SMOLLAMA_FIXTURE_PLUGIN_DIR "/none"));
        manager.setConfig(config);
        manager.setExtraPluginPaths({QStringLiteral(SMOLLAMA_FIXTURE_PLUGIN_DIR "/notaplugin")});
        manager.prepare();
        const QList<PluginStatus> statuses = manager.statuses();
        QCOMPARE(statuses.size(), 1); // the library has no row of its own
        const PluginStatus &s = statuses.first();
        QCOMPARE(s.instance, QStringLiteral("thing"));
        QCOMPARE(s.state, PluginState::Incompatible);
        QVERIFY2(s.reason.contains(QStringLiteral("libnotaplugin.so is not a usable smollama "
                                                  "plugin: no Qt plugin metadata found")),
                 qPrintable(s.reason));
        QVERIFY2(!s.reason.contains(QStringLiteral("was found")), qPrintable(s.reason));
    }

    void missingModuleStillSaysInstallIt()
    {
        const Config config = Config::fromYaml("plugins:\n"
                                               "  custom:\n"
                                               "    - {name: thing, module: nothing_here}\n",
                                               QStringLiteral("config.yaml"));
        PluginManager manager;
        manager.setBuiltinPluginDir(QStringLiteral(SMOLLAMA_FIXTURE_PLUGIN_DIR "/none"));
        manager.setConfig(config);
        manager.setExtraPluginPaths({QStringLiteral(SMOLLAMA_FIXTURE_PLUGIN_DIR "/notaplugin")});
        manager.prepare();
        const PluginStatus s = manager.statuses().first();
        QCOMPARE(s.state, PluginState::Failed);
        QVERIFY2(s.reason.contains(QStringLiteral("no plugin named 'nothing_here' was found")),
                 qPrintable(s.reason));
    }
};

QTEST_GUILESS_MAIN(tst_ModuleProblems)
#include "tst_moduleproblems.moc"
