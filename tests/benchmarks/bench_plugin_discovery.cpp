// SPDX-License-Identifier: GPL-3.0-or-later
// Discovery of 200 plugin libraries (copies of the builtin system plugin, each a real
// Qt plugin with a manifest and a config schema): PluginManager::discover() reads and
// validates every manifest without loading a library. Prints the time of the first discovery
// (nothing cached: what a new process such as smollama-cli does) and of the following ones (the
// manifests from the process's cache: what a long-running node does), next to the goal (issue 19: <
// 50 ms for 200). Never asserts.
//
// SMOLLAMA_BENCH_LIBRARIES sets the number of libraries (200); SMOLLAMA_BENCH_ROUNDS the number
// of discoveries after the first (5).
#include "config/config.h"
#include "plugins/manifestcache.h"
#include "plugins/pluginmanager.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLoggingCategory>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace Smollama;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    // 199 of the copies conflict with the first (one name): their warnings are not measured.
    QLoggingCategory::setFilterRules(QStringLiteral("smollama.*=false"));
    QTemporaryDir home;
    qputenv("HOME", home.path().toUtf8());
    const int count = qEnvironmentVariableIsSet("SMOLLAMA_BENCH_LIBRARIES")
                          ? qEnvironmentVariableIntValue("SMOLLAMA_BENCH_LIBRARIES")
                          : 200;
    const int rounds = qEnvironmentVariableIsSet("SMOLLAMA_BENCH_ROUNDS")
                           ? qEnvironmentVariableIntValue("SMOLLAMA_BENCH_ROUNDS")
                           : 5;
    const QString source = QStringLiteral(SMOLLAMA_SYSTEM_PLUGIN);
    const QString dir = home.filePath(QStringLiteral("plugins"));
    QDir().mkpath(dir);
    for (int i = 0; i < count; ++i) {
        const QString target =
            QStringLiteral("%1/libsmollama_bench%2.so").arg(dir).arg(i, 3, 10, QLatin1Char('0'));
        if (!QFile::copy(source, target)) {
            std::printf("cannot copy %s to %s\n", qPrintable(source), qPrintable(target));
            return 1;
        }
    }
    const qint64 bytes = QFileInfo(source).size();

    PluginManager manager;
    manager.setBuiltinPluginDir(dir);
    manager.setConfig(Config::fromYaml("plugins: {}\n", QStringLiteral("bench.yaml")));
    QElapsedTimer timer;
    timer.start();
    manager.discover();
    const double first = double(timer.nsecsElapsed()) / 1e6;

    std::vector<double> again;
    for (int r = 0; r < rounds; ++r) {
        timer.restart();
        manager.discover();
        again.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(again.begin(), again.end());
    std::printf("discovery of %d plugin libraries (%lld bytes each): first %.1f ms "
                "(%.3f ms per library)",
                count, static_cast<long long>(bytes), first, first / std::max(1, count));
    if (!again.empty()) {
        std::printf(", again: median %.1f ms, best %.1f ms", again[again.size() / 2],
                    again.front());
    }
    std::printf(" (goal: < 50 ms for 200); manifest cache: %lld read from the file, %lld from "
                "the cache\n",
                static_cast<long long>(ManifestCache::misses()),
                static_cast<long long>(ManifestCache::hits()));
    return 0;
}
