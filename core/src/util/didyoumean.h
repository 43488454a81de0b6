// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/smollama_export.h>

#include <QString>
#include <QStringList>

namespace Smollama {

/*! The candidate closest to \a word by edit distance, when close enough to be a likely typo
    ("hots" → "host"); empty otherwise. */
SMOLLAMA_EXPORT QString didYouMean(const QString &word, const QStringList &candidates);

/*! " (did you mean 'host'?)" or an empty string. */
SMOLLAMA_EXPORT QString didYouMeanSuffix(const QString &word, const QStringList &candidates);

} // namespace Smollama
