# kmigrate's image: the thin jar and its lib/ folder on a JRE. `docker compose up` builds it.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# Every module's pom must be there for Maven to read the project (.dockerignore leaves out target/,
# data/ and .git); only the product and what it depends on are built.
COPY . .
RUN mvn -B -q package -DskipTests -pl api -am

FROM eclipse-temurin:17-jre
RUN apt-get update -q && apt-get install -y -q --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /opt/kmigrate
COPY --from=build /src/api/target/kmigrate.jar kmigrate.jar
COPY --from=build /src/api/target/lib lib
COPY config/examples examples
# API 8080, admin (health checks) 8081.
EXPOSE 8080 8081
ENTRYPOINT ["java", "-jar", "/opt/kmigrate/kmigrate.jar"]
CMD ["server"]
