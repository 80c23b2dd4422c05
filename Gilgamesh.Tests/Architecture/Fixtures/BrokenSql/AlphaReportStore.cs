namespace Gilgamesh.Tests.Architecture.Fixtures.BrokenSql;

// Deliberately broken: module "alpha" reads the kernel's users table and module beta's orders directly.
// SqlSchemaRulesTests proves the SQL-schema rule reports both.
internal static class AlphaReportStore
{
    internal const string OwnSql = """
        select id, title from alpha.reports where id = @Id
        """;

    internal const string ForeignSql = """
        select r.id, u.name, o.total
        from alpha.reports r
        join platform.users u on u.id = r.owner_id
        join beta.orders o on o.report_id = r.id
        """;
}
