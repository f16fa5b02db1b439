using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using WealthActors.Grains.ReadModel;
using WealthActors.Grains.ServiceRequests;
using WealthActors.Grains.Tasks;
using WealthActors.ReadModel;
using WealthActors.ServiceRequests;
using WealthActors.Tasks;
using WealthActors.Silo.Care;
using WealthActors.Silo.DataProtection;
using WealthActors.Silo.Storage;
using WealthActors.Silo.Storage.Audit;
using WealthActors.Silo.Storage.Postgres;
using WealthActors.Silo.Storage.ReadModel;
using WealthActors.Silo.Storage.Sqlite;

namespace WealthActors.Silo.Hosting;

/// <summary>Storage selection (docs/ARCHITECTURE.md §5): grain state, reminders and the read model, from the <c>Storage</c> section.</summary>
public static class StorageHostingExtensions
{
    /// <summary>The provider name grains use: <c>[PersistentState("state", "wealth")]</c>.</summary>
    public const string GrainStorageName = "wealth";

    // The AdoNet provider itself; grains reach it through ExactKeyGrainStorage registered as "wealth" and the default.
    internal const string AdoNetStorageName = "wealth-adonet";

    /// <summary>
    /// Grain state (as the default provider and as <see cref="GrainStorageName"/>) and reminders. With no
    /// configuration both live in the SQLite file <c>data/wealthactors.db</c> under the content root; with
    /// <c>Storage:Provider=PostgreSql</c> in the database of <c>ConnectionStrings:WealthActors</c>. Either schema is
    /// applied before Orleans reads it. Clustering is configured in <see cref="ClusteringHostingExtensions"/>.
    /// </summary>
    public static ISiloBuilder UseWealthActorsStorage(this ISiloBuilder silo, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = AddStorageOptions(silo.Services, configuration);
        if (options.Provider == StorageProvider.Memory)
        {
            silo.AddMemoryGrainStorageAsDefault(UseOrleansSerializer);
            silo.AddMemoryGrainStorage(GrainStorageName, UseOrleansSerializer);
            silo.UseInMemoryReminderService();
            return silo;
        }

        silo.Services.AddWealthActorsDataProtection(configuration, environment, options.Provider);
        if (options.Provider == StorageProvider.PostgreSql)
        {
            return UsePostgresStorage(silo);
        }

        AddSqliteDatabase(silo.Services, configuration, environment);
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SqliteSchemaBootstrap>();

        silo.AddAdoNetGrainStorage(AdoNetStorageName, builder =>
        {
            UseSealingSerializer(builder);
            builder.Configure<SqliteDatabase>((adoNet, database) =>
            {
                adoNet.Invariant = SqliteDatabase.Invariant;
                adoNet.DataSource = database.WriteDataSource;
            });
        });
        silo.Services.AddGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, TracedSqliteStorage);
        silo.Services.AddGrainStorage(GrainStorageName, TracedSqliteStorage);

        // The AdoNet table only reads (beside the writer, as WAL allows); its writes share the file's group commit.
        silo.UseAdoNetReminderService(builder => builder.Configure<SqliteDatabase>((reminders, database) =>
        {
            reminders.Invariant = SqliteDatabase.Invariant;
            reminders.DataSource = database.ReadDataSource;
        }));
        BatchReminderWrites(silo.Services, (sp, adoNet) => new SqliteBatchedReminderTable(
            adoNet, sp.GetRequiredService<SqliteDatabase>(), ServiceId(sp), ReminderClock(sp), ReminderServiceOptions(sp)));
        return silo;
    }

    // Grain state through the same exact-key decorator and sealed Orleans serializer as on SQLite, and reminders, on the
    // shared PostgreSQL data source; the schema is applied first (PostgresSchemaBootstrap).
    private static ISiloBuilder UsePostgresStorage(ISiloBuilder silo)
    {
        AddPostgresDatabase(silo.Services);
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, PostgresSchemaBootstrap>();
        silo.AddAdoNetGrainStorage(AdoNetStorageName, builder =>
        {
            UseSealingSerializer(builder);
            builder.Configure<PostgresDatabase>((adoNet, database) =>
            {
                adoNet.Invariant = PostgresDatabase.Invariant;
                adoNet.DataSource = database.DataSource;
            });
        });
        silo.Services.AddGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, TracedPostgresStorage);
        silo.Services.AddGrainStorage(GrainStorageName, TracedPostgresStorage);
        silo.UseAdoNetReminderService(builder => builder.Configure<PostgresDatabase>((reminders, database) =>
        {
            reminders.Invariant = PostgresDatabase.Invariant;
            reminders.DataSource = database.DataSource;
        }));
        BatchReminderWrites(silo.Services, (sp, adoNet) => new PostgresBatchedReminderTable(
            adoNet, sp.GetRequiredService<PostgresDatabase>(), sp.GetRequiredService<PostgresStatementBatcher>(), ServiceId(sp),
            ReminderClock(sp), ReminderServiceOptions(sp)));
        return silo;
    }

    // Each grain-state write carries a span of its own (TracedGrainStorage), so a trace reaches the database.
    private static TracedGrainStorage TracedSqliteStorage(IServiceProvider services, string name) =>
        new(SqliteBatchedStorage(services, name), TracedGrainStorage.Sqlite);

    private static TracedGrainStorage TracedPostgresStorage(IServiceProvider services, string name) =>
        new(BatchedStorage(services, name), TracedGrainStorage.PostgreSql);

    // Writes share batches across grains (PostgresStatementBatcher); clears stay with the AdoNet provider.
    private static PostgresBatchedGrainStorage BatchedStorage(IServiceProvider services, string name) =>
        new(ExactKeyStorage(services, name),
            services.GetRequiredService<PostgresStatementBatcher>(),
            AdoNetSerializer(services),
            ServiceId(services),
            // Projections join their state's write only where that option is registered (AddWealthActorsReadModel), and
            // audit entries where the trail is on (AddWealthActorsAudit).
            services.GetService<StateWriteProjection>(),
            services.GetService<IStateWriteAudit>());

    // Writes share the file's group commit with the read model (SqliteStatementBatcher); clears stay with the provider.
    private static SqliteBatchedGrainStorage SqliteBatchedStorage(IServiceProvider services, string name) =>
        new(ExactKeyStorage(services, name),
            services.GetRequiredService<SqliteDatabase>(),
            AdoNetSerializer(services),
            ServiceId(services),
            services.GetService<StateWriteProjection>(),
            services.GetService<IStateWriteAudit>());

    // The clock and window the reminder service judges its loading window by: a range read returns what it would keep.
    private static TimeProvider ReminderClock(IServiceProvider services) =>
        services.GetRequiredKeyedService<TimeProvider>(Orleans.Reminders.ReminderTimeProviderNames.Reminders);

    private static ReminderOptions ReminderServiceOptions(IServiceProvider services) =>
        services.GetRequiredService<IOptions<ReminderOptions>>().Value;

    private static string ServiceId(IServiceProvider services) => services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId;

    private static IGrainStorageSerializer AdoNetSerializer(IServiceProvider services) =>
        services.GetRequiredService<IOptionsMonitor<AdoNetGrainStorageOptions>>().Get(AdoNetStorageName).GrainStorageSerializer;

    // A decorator of the AdoNet reminder table, which stays the one that reads; its registrations and removals share
    // the batches. The registration it wraps is Orleans' own, however Orleans made it (type, factory or instance).
    private static void BatchReminderWrites(IServiceCollection services, Func<IServiceProvider, IReminderTable, BatchedReminderTable> batched)
    {
        var adoNet = services.Last(descriptor => descriptor.ServiceType == typeof(IReminderTable));
        services.Remove(adoNet);
        services.AddSingleton<IReminderTable>(sp => batched(sp, Resolve<IReminderTable>(sp, adoNet)));
    }

    private static T Resolve<T>(IServiceProvider services, ServiceDescriptor descriptor) => (T)(
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType
            ?? throw new InvalidOperationException($"The {typeof(T).Name} registration names no implementation.")));

    /// <summary>
    /// The read model as a singleton serving both <see cref="IReadModelWriter"/> and <see cref="IReadModelQueries"/>:
    /// in the same SQLite file or PostgreSQL database as grain state, or in memory with <c>Storage:Provider=Memory</c>.
    /// </summary>
    public static IServiceCollection AddWealthActorsReadModel(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = AddStorageOptions(services, configuration);
        services.TryAddSingleton<ReadModelChanges>();
        if (options.Provider == StorageProvider.Memory)
        {
            services.TryAddSingleton(sp => new InMemoryReadModel(sp.GetRequiredService<ReadModelChanges>()));
            services.TryAddSingleton<IReadModelWriter>(sp => sp.GetRequiredService<InMemoryReadModel>());
            services.TryAddSingleton<IReadModelQueries>(sp => sp.GetRequiredService<InMemoryReadModel>());
            services.TryAddSingleton<IComplaintCalendarIndex>(sp => sp.GetRequiredService<InMemoryReadModel>());
            services.TryAddSingleton<ISlaDigestQueries>(sp => sp.GetRequiredService<InMemoryReadModel>());
            services.TryAddSingleton<ICareScanQueries>(sp => sp.GetRequiredService<InMemoryReadModel>());
            services.TryAddSingleton<IReportQueries>(sp => sp.GetRequiredService<InMemoryReadModel>());
            services.TryAddSingleton<ITaskReadModelWriter>(sp => sp.GetRequiredService<InMemoryReadModel>());
            services.TryAddSingleton<ITaskQueries>(sp => sp.GetRequiredService<InMemoryReadModel>());
            services.TryAddSingleton<IServiceRequestReadModelWriter>(sp => sp.GetRequiredService<InMemoryReadModel>());
            services.TryAddSingleton<IServiceRequestQueries>(sp => sp.GetRequiredService<InMemoryReadModel>());
            return services;
        }

        services.AddWealthActorsDataProtection(configuration, environment, options.Provider);
        AddBirthdaySealing(services);
        if (options.Provider == StorageProvider.PostgreSql)
        {
            AddPostgresDatabase(services);
            AddSqlReadModel(services, sp => SqlReadModel.OnPostgres(
                sp.GetRequiredService<PostgresDatabase>(), sp.GetRequiredService<PostgresStatementBatcher>(), sp.GetRequiredService<PayloadSealer>(),
                sp.GetRequiredService<ReadModelChanges>()));
            return services;
        }

        AddSqliteDatabase(services, configuration, environment);
        AddSqlReadModel(services, sp => SqlReadModel.OnSqlite(
            sp.GetRequiredService<SqliteDatabase>(), sp.GetRequiredService<PayloadSealer>(), sp.GetRequiredService<ReadModelChanges>()));
        return services;
    }

    // One read model on the database's dialect, serving every read-model interface.
    private static void AddSqlReadModel(IServiceCollection services, Func<IServiceProvider, SqlReadModel> create)
    {
        services.TryAddSingleton(create);
        // The read model is in the grain-state database: a grain's row commits with its state write.
        services.TryAddSingleton(sp => new StateWriteProjection(sp.GetRequiredService<SqlReadModel>()));
        services.TryAddSingleton<IClearBirthdaySealing>(sp => sp.GetRequiredService<SqlReadModel>());
        services.TryAddSingleton<IReadModelWriter>(sp => sp.GetRequiredService<SqlReadModel>());
        services.TryAddSingleton<IReadModelQueries>(sp => sp.GetRequiredService<SqlReadModel>());
        services.TryAddSingleton<IComplaintCalendarIndex>(sp => sp.GetRequiredService<SqlReadModel>());
        services.TryAddSingleton<ISlaDigestQueries>(sp => sp.GetRequiredService<SqlReadModel>());
        services.TryAddSingleton<ICareScanQueries>(sp => sp.GetRequiredService<SqlReadModel>());
        services.TryAddSingleton<IReportQueries>(sp => sp.GetRequiredService<SqlReadModel>());
        services.TryAddSingleton<ITaskReadModelWriter>(sp => sp.GetRequiredService<SqlReadModel>());
        services.TryAddSingleton<ITaskQueries>(sp => sp.GetRequiredService<SqlReadModel>());
        services.TryAddSingleton<IServiceRequestReadModelWriter>(sp => sp.GetRequiredService<SqlReadModel>());
        services.TryAddSingleton<IServiceRequestQueries>(sp => sp.GetRequiredService<SqlReadModel>());
    }

    // Providers are chosen while the host is being configured, so the section is read here as well as bound
    // (and validated on start) for whoever injects IOptions<StorageOptions>.
    private static StorageOptions AddStorageOptions(IServiceCollection services, IConfiguration configuration)
    {
        var options = StorageOptions.From(configuration);
        var validation = new StorageOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(nameof(StorageOptions), typeof(StorageOptions), validation.Failures);
        }

        if (!services.Any(descriptor => descriptor.ServiceType == typeof(IValidateOptions<StorageOptions>)))
        {
            services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
            services.AddOptions<StorageOptions>()
                .Bind(configuration.GetSection(StorageOptions.SectionName))
                .PostConfigure(o => o.ConnectionString = configuration.GetConnectionString(StorageOptions.ConnectionStringName))
                .ValidateOnStart();
        }

        return options;
    }

    private static void AddSqliteDatabase(IServiceCollection services, IConfiguration configuration, IHostEnvironment environment) =>
        services.TryAddSingleton(sp => new SqliteDatabase(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.Sqlite,
            configuration.GetConnectionString(StorageOptions.ConnectionStringName),
            environment.ContentRootPath,
            sp.GetRequiredService<ILoggerFactory>()));

    // One statement batcher for the database: grain state, reminders and the read model share its batches and commits.
    private static void AddPostgresDatabase(IServiceCollection services)
    {
        services.TryAddSingleton(sp => new PostgresDatabase(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString!,
            sp.GetRequiredService<ILoggerFactory>()));
        services.TryAddSingleton(sp => new PostgresStatementBatcher(sp.GetRequiredService<PostgresDatabase>()));
    }

    private static ExactKeyGrainStorage ExactKeyStorage(IServiceProvider services, string name) =>
        new(services.GetRequiredKeyedService<IGrainStorage>(AdoNetStorageName));

    // Birthdays a release before sealing left in clear are sealed as the silo starts (ClearBirthdaySealing).
    private static void AddBirthdaySealing(IServiceCollection services)
    {
        if (!services.Any(descriptor => descriptor.ImplementationType == typeof(ClearBirthdaySealingStartup)))
        {
            services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, ClearBirthdaySealingStartup>();
        }
    }

    // Sealed at rest (docs/ARCHITECTURE.md §5.6): the Orleans serializer's bytes, sealed with the key ring.
    private static void UseSealingSerializer<TOptions>(OptionsBuilder<TOptions> builder)
        where TOptions : class, IStorageProviderSerializerOptions =>
        builder.Configure<IServiceProvider>((options, services) =>
            options.GrainStorageSerializer = DataProtectionHostingExtensions.SealingSerializer(services));

    // Grain state types follow the project's serialization convention ([GenerateSerializer] with [Id] members),
    // which the Orleans serializer honours exactly and version-tolerantly; Orleans' default JSON serializer would
    // silently skip non-public members.
    private static void UseOrleansSerializer<TOptions>(OptionsBuilder<TOptions> builder)
        where TOptions : class, IStorageProviderSerializerOptions =>
        builder.Configure<IServiceProvider>((options, services) =>
            options.GrainStorageSerializer = ActivatorUtilities.CreateInstance<OrleansGrainStorageSerializer>(services));
}
