// SPDX-License-Identifier: GPL-3.0-or-later
// config.yaml as a user may write it: YAML parsing, legacy migration, the schema check,
// defaults, the plugin instances and every diagnostic's text.
#include "config/config.h"

#include <QLoggingCategory>
#include <QProcessEnvironment>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const bool quiet = [] {
        QLoggingCategory::setFilterRules(QStringLiteral("*=false"));
        return true;
    }();
    (void)quiet;
    const QByteArray yaml(reinterpret_cast<const char *>(data), qsizetype(size));
    const Smollama::Config config = Smollama::Config::fromYaml(
        yaml, QStringLiteral("/fuzz/config.yaml"), QProcessEnvironment());
    for (const auto &d : config.diagnostics()) {
        (void)d.toString();
    }
    for (const Smollama::InstanceConfig &i : config.instances()) {
        (void)config.locate(i.configKeyPath);
    }
    (void)config.section(QStringLiteral("plugins"));
    return 0;
}
