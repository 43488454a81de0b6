// SPDX-License-Identifier: GPL-3.0-or-later
#include "didyoumean.h"

#include <QCoreApplication>
#include <QVector>

#include <algorithm>

namespace Smollama {

namespace {

// The translation context of this file's messages (docs/translations.md).
class DidYouMeanTr
{
    Q_DECLARE_TR_FUNCTIONS(Config)
};

// Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
// neighbouring letters ("valeu" -> "value") each cost 1.
int editDistance(const QString &a, const QString &b)
{
    const auto same = [](QChar x, QChar y) { return x.toLower() == y.toLower(); };
    QVector<QVector<int>> d(a.size() + 1, QVector<int>(b.size() + 1));
    for (int i = 0; i <= a.size(); ++i) {
        d[i][0] = i;
    }
    for (int j = 0; j <= b.size(); ++j) {
        d[0][j] = j;
    }
    for (int i = 1; i <= a.size(); ++i) {
        for (int j = 1; j <= b.size(); ++j) {
            const int cost = same(a.at(i - 1), b.at(j - 1)) ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && same(a.at(i - 1), b.at(j - 2)) &&
                same(a.at(i - 2), b.at(j - 1))) {
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
    }
    return d[a.size()][b.size()];
}

} // namespace

QString didYouMean(const QString &word, const QStringList &candidates)
{
    QString best;
    int bestDistance = 0;
    for (const QString &c : candidates) {
        const int d = editDistance(word, c);
        if (best.isEmpty() || d < bestDistance) {
            best = c;
            bestDistance = d;
        }
    }
    // A third of the word's length (at least 1, at most 3) keeps "hots"→"host" and drops
    // unrelated words.
    const int limit = std::clamp(int(word.size()) / 3, 1, 3);
    return (!best.isEmpty() && bestDistance <= limit) ? best : QString();
}

QString didYouMeanSuffix(const QString &word, const QStringList &candidates)
{
    const QString best = didYouMean(word, candidates);
    return best.isEmpty() ? QString() : DidYouMeanTr::tr(" (did you mean '%1'?)").arg(best);
}

} // namespace Smollama
