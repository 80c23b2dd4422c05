using System.Data;
using System.Text.Json;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Gilgamesh.Modules.Kernel.Database;

/// <summary>Lets Dapper read and write <c>jsonb</c> columns as <see cref="JsonElement"/>.</summary>
internal sealed class JsonElementTypeHandler : SqlMapper.TypeHandler<JsonElement>
{
    public override void SetValue(IDbDataParameter parameter, JsonElement value)
    {
        parameter.Value = value.ValueKind == JsonValueKind.Undefined ? "null" : value.GetRawText();
        if (parameter is NpgsqlParameter npgsql) npgsql.NpgsqlDbType = NpgsqlDbType.Jsonb;
    }

    public override JsonElement Parse(object value) => value switch
    {
        string text => JsonDocument.Parse(text).RootElement.Clone(),
        JsonElement element => element,
        _ => throw new DataException($"Cannot read {value.GetType()} as JSON"),
    };
}

/// <summary>Process-wide Dapper conventions: snake_case columns map to PascalCase properties.</summary>
public static class DapperConventions
{
    private static int _applied;

    public static void Apply()
    {
        if (Interlocked.Exchange(ref _applied, 1) == 1) return;
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        SqlMapper.AddTypeHandler(new JsonElementTypeHandler());
    }
}
