# Runtime image for the jar built by `mvn package`.
FROM eclipse-temurin:17-jre
WORKDIR /app
COPY target/eventloom.jar /app/eventloom.jar
EXPOSE 8080 8081
ENTRYPOINT ["java", "-jar", "/app/eventloom.jar"]
