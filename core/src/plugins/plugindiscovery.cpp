// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugindiscovery.h"

#include "config/config.h"
#include "manifestcache.h"
#include "manifestvalidator.h"
#include "pluginslog.h"
#include "util/statepaths.h"

#include <smollama/pluginfactory.h>

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QPluginLoader>
#include <QRegularExpression>
#include <QSet>

#include <cxxabi.h>

#include <cstdlib>

namespace Smollama {

namespace {

// The translation context of this file's messages (docs/translations.md): the manager's.
class PluginDiscoveryTr
{
    Q_DECLARE_TR_FUNCTIONS(PluginManager)
};

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
        return {
            PluginState::MissingDependencies,
            PluginDiscoveryTr::tr("needs the shared library %1, which is not installed or not on "
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
            PluginDiscoveryTr::tr("cannot be loaded: undefined symbol %1; it was built against "
                                  "another version of smollama or of a library it uses: rebuild it")
                .arg(demangle(symbol))};
    }
    return {PluginState::Failed, PluginDiscoveryTr::tr("cannot be loaded: %1").arg(error)};
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

QString PluginDiscovery::defaultBuiltinDir()
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

void PluginDiscovery::setBuiltinDir(const QString &dir)
{
    m_builtinDir = dir;
}

void PluginDiscovery::setExtraPaths(const QStringList &dirs)
{
    m_extraPaths = dirs;
}

QStringList PluginDiscovery::searchPaths(const Config &config) const
{
    QStringList paths;
    paths.append(m_builtinDir);
    paths.append(config.pluginPaths());
    const QString userDir = StatePaths::pluginsDir();
    paths.append(userDir);
    // Where `smollama-cli plugin install` puts plugins when the configuration moves it.
    const QString installDir = config.pluginsInstallDir();
    if (!installDir.isEmpty() && installDir != userDir && !paths.contains(installDir)) {
        paths.append(installDir);
    }
    for (const QString &p : m_extraPaths) {
        paths.append(QFileInfo(p).absoluteFilePath());
    }
    return paths;
}

PluginSpec *PluginDiscovery::findSpec(const QString &name) const
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

PluginSpec *PluginDiscovery::findUnusableLibrary(const QString &module) const
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

void PluginDiscovery::discover(const Config &config)
{
    m_specs.clear();
    QSet<QString> seen;
    const QStringList paths = searchPaths(config);
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
                            PluginDiscoveryTr::tr("a plugin named '%1' was already found at "
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

void PluginDiscovery::clear()
{
    m_specs.clear();
}

const std::vector<std::unique_ptr<PluginSpec>> &PluginDiscovery::specs() const
{
    return m_specs;
}

bool PluginDiscovery::ensureLoaded(PluginSpec *spec)
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
            PluginDiscoveryTr::tr("its root object does not implement %1: declare "
                                  "Q_INTERFACES(Smollama::PluginFactory) in the factory")
                .arg(QLatin1String(SMOLLAMA_PLUGIN_FACTORY_IID));
        return false;
    }
    // Its texts in the host's language, from now on (status reasons, tool descriptions).
    spec->translator = PluginTranslator::install(spec->metadata.name(), spec->path);
    return true;
}

} // namespace Smollama
