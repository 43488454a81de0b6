// SPDX-License-Identifier: GPL-3.0-or-later
#include "didyoumean.h"

#include <QVector>

#include <algorithm>

namespace Smollama {

namespace {

int editDistance(const QString &a, const QString &b)
{
    QVector<int> previous(b.size() + 1);
    QVector<int> current(b.size() + 1);
    for (int j = 0; j <= b.size(); ++j) {
        previous[j] = j;
    }
    for (int i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (int j = 1; j <= b.size(); ++j) {
            const int cost = a.at(i - 1).toLower() == b.at(j - 1).toLower() ? 0 : 1;
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
        }
        std::swap(previous, current);
    }
    return previous[b.size()];
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
    return best.isEmpty() ? QString() : QStringLiteral(" (did you mean '%1'?)").arg(best);
}

} // namespace Smollama
