using System.Data.Common;

namespace Lookalike.Catalog;

/// <summary>Binds a parameter on either backend's command (ADO.NET has no provider-neutral AddWithValue).</summary>
internal static class CommandParameters
{
    /// <summary>Adds <paramref name="name"/> (written <c>@name</c> in the SQL, which SQLite and Npgsql both read) = <paramref name="value"/>; null is SQL NULL.</summary>
    public static DbCommand Bind(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }
}
