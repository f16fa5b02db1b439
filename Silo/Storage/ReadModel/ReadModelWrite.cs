using System.Data.Common;

namespace WealthActors.Silo.Storage.ReadModel;

/// <summary>
/// One statement of a projection: its text and how its parameters are bound. A value, so describing a write allocates
/// only its binding; the binding takes the base collection so that each database's own statement type can take it as
/// it is (<see cref="Action{T}"/> is contravariant). On SQLite it is also the statement of every unit of the file's group
/// commit (grain state, reminders, audit entries), which runs projections and those writes alike.
/// </summary>
internal readonly record struct ReadModelWrite(string Sql, Action<DbParameterCollection> Bind);
