#include "core/lint/CatalogFacts.h"

#include "core/lint/PgTree.h"

namespace retort::lint {

using namespace tree;

std::optional<ColumnType> ColumnType::fromTypeName(const QJsonObject& typeName)
{
    if (typeName.isEmpty() || flagAt(typeName, "pct_type"))
        return std::nullopt;
    const QStringList names = stringNodes(arrayAt(typeName, "names"));
    if (names.isEmpty())
        return std::nullopt;
    ColumnType type;
    type.name = names.last().toLower();
    static const QHash<QString, QString> aliases{{QStringLiteral("integer"), QStringLiteral("int4")},
                                                 {QStringLiteral("int"), QStringLiteral("int4")},
                                                 {QStringLiteral("bigint"), QStringLiteral("int8")},
                                                 {QStringLiteral("smallint"), QStringLiteral("int2")},
                                                 {QStringLiteral("decimal"), QStringLiteral("numeric")},
                                                 {QStringLiteral("boolean"), QStringLiteral("bool")},
                                                 {QStringLiteral("real"), QStringLiteral("float4")},
                                                 {QStringLiteral("character varying"), QStringLiteral("varchar")},
                                                 {QStringLiteral("character"), QStringLiteral("bpchar")}};
    type.name = aliases.value(type.name, type.name);
    for (const QJsonValue& modifier : arrayAt(typeName, "typmods")) {
        const std::optional<qint64> value = constInteger(nodeAs(modifier, "A_Const"));
        if (!value)
            return std::nullopt;
        type.modifiers << int(*value);
    }
    type.arrayDimensions = int(arrayAt(typeName, "arrayBounds").size());
    return type;
}

QString ColumnType::display() const
{
    QString text = name;
    if (!modifiers.isEmpty()) {
        QStringList parts;
        for (const int modifier : modifiers)
            parts << QString::number(modifier);
        text += QLatin1Char('(') + parts.join(QLatin1Char(',')) + QLatin1Char(')');
    }
    for (int i = 0; i < arrayDimensions; ++i)
        text += QStringLiteral("[]");
    return text;
}

bool isBinaryCoercible(const ColumnType& from, const ColumnType& to)
{
    if (from == to)
        return true;
    if (from.arrayDimensions != to.arrayDimensions)
        return false;
    const QString& a = from.name;
    const QString& b = to.name;
    const auto first = [](const ColumnType& t) { return t.modifiers.isEmpty() ? -1 : t.modifiers.first(); };
    const bool textual = (a == QLatin1String("varchar") || a == QLatin1String("text"))
                         && (b == QLatin1String("varchar") || b == QLatin1String("text"));
    if (textual) {
        if (b == QLatin1String("text") || to.modifiers.isEmpty())
            return true;                        // to text, or to an unbounded varchar
        return a == QLatin1String("varchar") && first(from) >= 0 && first(to) >= first(from); // a longer varchar
    }
    if (a == b && (a == QLatin1String("varbit") || a == QLatin1String("numeric"))) {
        if (to.modifiers.isEmpty())
            return true;
        if (from.modifiers.isEmpty())
            return false;
        if (a == QLatin1String("numeric") && from.modifiers.value(1, 0) != to.modifiers.value(1, 0))
            return false;                       // a different scale changes the stored values
        return first(to) >= first(from);
    }
    if (a == b && (a == QLatin1String("timestamp") || a == QLatin1String("timestamptz") || a == QLatin1String("time")
                   || a == QLatin1String("timetz"))) {
        // No modifier is precision 6, the most PostgreSQL stores.
        const int fromPrecision = from.modifiers.isEmpty() ? 6 : first(from);
        const int toPrecision = to.modifiers.isEmpty() ? 6 : first(to);
        return toPrecision >= fromPrecision;
    }
    return a == QLatin1String("cidr") && b == QLatin1String("inet");
}

} // namespace retort::lint
