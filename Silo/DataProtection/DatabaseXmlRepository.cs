using System.Data.Common;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace WealthActors.Silo.DataProtection;

/// <summary>
/// Where ASP.NET Core Data Protection keeps the keys of the Silo's cookies: table <c>wa_session_keys</c> of the
/// silo's database (SQLite or PostgreSQL; the statements are the same in both). Without it each process makes keys of
/// its own in memory, so a restart signs everyone out and a session opened on one silo of a cluster is refused by the
/// next. Two silos making a first key at once both store theirs; Data Protection reads every key and uses either.
/// </summary>
internal sealed class DatabaseXmlRepository(DbDataSource database, Func<Task> ensureSchema) : IXmlRepository
{
    private const string SelectSql = "SELECT xml FROM wa_session_keys ORDER BY friendly_name";

    private const string InsertSql = "INSERT INTO wa_session_keys (friendly_name, xml) VALUES (@name, @xml) ON CONFLICT (friendly_name) DO NOTHING";

    // Data Protection calls this interface synchronously, rarely: at the first cookie and when its key ring refreshes.
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        ensureSchema().GetAwaiter().GetResult();
        using var command = database.CreateCommand(SelectSql);
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ensureSchema().GetAwaiter().GetResult();
        using var command = database.CreateCommand(InsertSql);
        Add(command, "name", friendlyName);
        Add(command, "xml", element.ToString(SaveOptions.DisableFormatting));
        command.ExecuteNonQuery();
    }

    private static void Add(DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
