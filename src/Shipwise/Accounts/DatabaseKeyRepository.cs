using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Shipwise.Data;

namespace Shipwise.Accounts;

/// <summary>
/// Keeps the Data Protection key ring in the database (table data_protection_keys), so every
/// node signs and reads session cookies, form tokens and sign-in links with the same keys.
/// The interface is synchronous; it is called at start and when the ring is refreshed (about
/// once a day), so blocking on the connection there costs nothing that matters.
/// </summary>
public sealed class DatabaseKeyRepository(Db db) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = db.OpenAsync().GetAwaiter().GetResult();
        return connection.Query<string>("SELECT xml FROM data_protection_keys ORDER BY id")
            .Select(xml => XElement.Parse(xml))
            .ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = db.OpenAsync().GetAwaiter().GetResult();
        connection.Execute(
            "INSERT INTO data_protection_keys (friendly_name, xml) VALUES (@friendlyName, @xml)",
            new { friendlyName, xml = element.ToString(SaveOptions.DisableFormatting) });
    }
}
